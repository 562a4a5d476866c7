/** The admin token the Worker tests authenticate with (set as a binding in vitest.config.ts). */
export const TEST_ADMIN_TOKEN = "test-admin-token-0123456789abcdef";
