ALTER TABLE "matches" ADD COLUMN "conclusion_notice_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "matches" ADD COLUMN "kept_going_at" timestamp with time zone;