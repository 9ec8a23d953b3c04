CREATE TABLE "ingest_follow_ups" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"mailbox_key" text NOT NULL,
	"engaged" jsonb NOT NULL,
	"stated_goals" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
