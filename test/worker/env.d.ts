declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
  }
  // Lets `exports.default` from "cloudflare:workers" carry the Worker's own type.
  interface GlobalProps {
    mainModule: typeof import("../../worker/index.ts");
  }
}
