// The background owns the server URL, the token and every network call.
export default defineBackground(() => {});
