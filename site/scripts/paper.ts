/**
 * The white-paper page script: progressive enhancement of site/components/PaperForm.astro.
 * Without it the form posts as plain HTML and still works.
 *
 * On load it fetches the paper's form ticket from the Worker (a signed "the form was
 * shown at" time: the minimum fill time, worker/papers/guards.ts) and, only when the
 * owner has switched Cloudflare Turnstile on, loads Turnstile's widget. On submit it
 * sends JSON and shows the download link, or each problem next to its field, in place.
 * If the Worker cannot be reached it falls back to the plain form post.
 */
import type { PaperLink, PaperRequestBody, PaperTicket } from "../../core/api/papers.ts";
import type { ProblemBody } from "../../core/api/problem.ts";

const form = document.getElementById("paper-form") as HTMLFormElement | null;
if (form) void enhance(form);

/** A link on success, a problem otherwise (either may be missing when something in between answered). */
type Answer = Partial<PaperLink & ProblemBody>;

async function enhance(form: HTMLFormElement) {
  const status = document.getElementById("paper-status") as HTMLElement;
  const submit = document.getElementById("paper-submit") as HTMLButtonElement;
  const ticket = form.elements.namedItem("_ticket") as HTMLInputElement;

  const say = (text: string, isError: boolean) => {
    status.replaceChildren(text);
    status.classList.toggle("err", isError);
    status.focus();
  };
  const clearErrors = () => {
    for (const el of form.querySelectorAll<HTMLElement>(".error")) el.textContent = "";
    for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
    status.replaceChildren();
  };
  const showErrors = (errors: Record<string, string>, summary: string) => {
    let first: HTMLElement | undefined;
    for (const [field, message] of Object.entries(errors)) {
      const slot = document.getElementById(`${field}-error`);
      const input = form.elements.namedItem(field);
      if (!slot || !(input instanceof HTMLElement)) continue;
      slot.textContent = message;
      input.setAttribute("aria-invalid", "true");
      first ??= input;
    }
    const general = errors._form ?? (first ? "" : summary);
    if (general) say(general, true);
    else first?.focus();
  };
  const showLink = (a: Answer) => {
    const link = document.createElement("a");
    link.href = a.download_url!;
    link.textContent = "Download the paper";
    link.setAttribute("download", "");
    const until = new Date(a.expires_at!).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
    status.replaceChildren("Thank you. ", link, ` (the link works until ${until}).`);
    status.classList.remove("err");
    link.focus();
  };

  try {
    const res = await fetch(`/api/papers/${form.dataset.slug}/ticket`, { headers: { accept: "application/json" }, cache: "no-store" });
    const data = (await res.json()) as Partial<PaperTicket>;
    ticket.value = data.ticket ?? ticket.value;
    if (data.turnstile_site_key) loadTurnstile(data.turnstile_site_key);
  } catch {
    // The ticket the Worker stamped into the page as it served it still times the form.
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors();
    const fields: Record<string, string> = {};
    for (const [name, value] of new FormData(form)) if (typeof value === "string") fields[name] = value;
    // A checkbox is sent only when ticked; JSON says so either way.
    const body: PaperRequestBody = { ...fields, marketing_consent: fields.marketing_consent !== undefined };
    submit.disabled = true;
    let res: Response;
    let answer: Answer;
    try {
      res = await fetch(form.action, { method: "POST", headers: { "content-type": "application/json", accept: "application/json" }, body: JSON.stringify(body) });
      answer = (await res.json()) as Answer;
    } catch {
      submit.disabled = false;
      form.submit();
      return;
    }
    submit.disabled = false;
    if (res.ok && answer.download_url) showLink(answer);
    else if (answer.errors) showErrors(answer.errors, answer.error ?? "Please check the form.");
    else say(answer.error ?? "Something went wrong. Please try again.", true);
  });
}

/** Turnstile, only when switched on: its script comes from Cloudflare, so it is never loaded otherwise. */
function loadTurnstile(siteKey: string) {
  const box = document.getElementById("paper-turnstile") as HTMLElement;
  box.className = "cf-turnstile";
  box.dataset.sitekey = siteKey;
  box.hidden = false;
  const script = document.createElement("script");
  script.src = "https://challenges.cloudflare.com/turnstile/v0/api.js";
  script.async = true;
  document.head.append(script);
}
