/**
 * Writes the example white paper, `papers/files/short-surveys-guide.pdf`, with a
 * minimal PDF writer: no dependency, no network, and the same bytes on every run
 * (no timestamps, fixed object order), so re-running it never shows a diff.
 *
 * The PDF is PDF 1.4 with the standard Helvetica fonts (not embedded; every reader
 * has them), uncompressed content streams and a classic xref table. Text is ASCII
 * only, which WinAnsiEncoding maps one to one. Line breaking uses Helvetica's
 * published glyph widths (the AFM metrics).
 *
 * @example
 *   node scripts/make-example-paper.ts            # rewrites the file
 *   pdftoppm -png -r 60 papers/files/short-surveys-guide.pdf /tmp/page   # look at it
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const ROOT = join(import.meta.dirname, "..");
const EXAMPLE_PDF = join(ROOT, "papers/files/short-surveys-guide.pdf");

// Helvetica advance widths (1/1000 em) for ASCII 32..126, from Adobe's Helvetica AFM.
const WIDTHS = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556,
  278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667,
  611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833,
  556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
/** Bold glyphs are a little wider; breaking a bold line a few points early is harmless. */
const textWidth = (s: string, size: number, bold = false) =>
  ([...s].reduce((w, ch) => w + (WIDTHS[ch.charCodeAt(0) - 32] ?? 556), 0) * size * (bold ? 1.08 : 1)) / 1000;

const escapePdf = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`);

function wrap(text: string, size: number, width: number, bold = false): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, size, bold) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

type Block =
  | { kind: "h2"; text: string }
  | { kind: "p"; text: string }
  | { kind: "bullet"; text: string }
  | { kind: "check"; text: string };

const PAGE = { width: 595, height: 842, margin: 64 };
const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;
const INK = "0.13 0.15 0.2";
const ACCENT = "0.11 0.33 0.55";

/** Lays blocks out top to bottom, starting a new page when one is full; returns each page's content stream. */
function layout(cover: string, blocks: Block[]): string[] {
  const pages: string[] = [];
  let ops: string[] = [cover];
  let y = 560;
  const text = (s: string, x: number, at: number, size: number, bold = false, colour = INK) =>
    ops.push(`BT ${colour} rg /${bold ? "F2" : "F1"} ${size} Tf ${x.toFixed(1)} ${at.toFixed(1)} Td (${escapePdf(s)}) Tj ET`);
  const room = (needed: number) => {
    if (y - needed >= PAGE.margin + 20) return;
    pages.push(ops.join("\n"));
    ops = [];
    y = PAGE.height - PAGE.margin;
  };
  for (const b of blocks) {
    if (b.kind === "h2") {
      room(48);
      y -= 18;
      text(b.text, PAGE.margin, y, 15, true, ACCENT);
      y -= 10;
      continue;
    }
    const indent = b.kind === "p" ? 0 : 18;
    const lines = wrap(b.text, 10.5, TEXT_WIDTH - indent);
    room(lines.length * 15 + 8);
    if (b.kind === "bullet") ops.push(`${ACCENT} rg ${PAGE.margin + 4} ${y - 12} 4 4 re f`);
    if (b.kind === "check") ops.push(`${ACCENT} RG 1 w ${PAGE.margin + 1} ${y - 14} 9 9 re S`);
    for (const line of lines) {
      y -= 15;
      text(line, PAGE.margin + indent, y, 10.5);
    }
    y -= 8;
  }
  pages.push(ops.join("\n"));
  return pages.map((content, i) => `${content}\n${footer(i + 1, pages.length)}`);
}

function footer(n: number, total: number): string {
  const label = `Short surveys people finish  -  page ${n} of ${total}`;
  return `0.6 0.62 0.66 RG 0.5 w ${PAGE.margin} 48 m ${PAGE.width - PAGE.margin} 48 l S\nBT 0.45 0.47 0.5 rg /F1 8 Tf ${PAGE.margin} 36 Td (${escapePdf(label)}) Tj ET`;
}

function coverBand(): string {
  const ops = [`${ACCENT} rg 0 ${PAGE.height - 230} ${PAGE.width} 230 re f`];
  const title = (s: string, at: number) => ops.push(`BT 1 1 1 rg /F2 28 Tf ${PAGE.margin} ${at} Td (${escapePdf(s)}) Tj ET`);
  ops.push(`BT 0.8 0.88 0.95 rg /F2 10 Tf ${PAGE.margin} ${PAGE.height - 70} Td (A CANVASS WHITE PAPER) Tj ET`);
  title("Short surveys", PAGE.height - 120);
  title("people finish", PAGE.height - 154);
  ops.push(`BT 0.92 0.95 0.98 rg /F1 12 Tf ${PAGE.margin} ${PAGE.height - 190} Td (A practical guide to question design, length and respect for respondents) Tj ET`);
  ops.push(`BT ${INK} rg /F1 10 Tf ${PAGE.margin} ${PAGE.height - 262} Td (By the Canvass team  -  November 2026) Tj ET`);
  return ops.join("\n");
}

const CONTENT: Block[] = [
  { kind: "h2", text: "Why length matters" },
  { kind: "p", text: "Every question you add asks a stranger for a little more of their time. People start a survey with goodwill and spend it as they go: a clear, short survey is finished, a long or confusing one is abandoned halfway, and the answers you do get come from the most patient people rather than from everyone you wanted to hear from." },
  { kind: "p", text: "This guide collects the habits we rely on when we write surveys as code. None of them needs special tooling; all of them are easier when a survey is a small text file that colleagues review before it is published." },
  { kind: "h2", text: "Ask one thing at a time" },
  { kind: "bullet", text: "Split double-barrelled questions. 'How fast and friendly was our support?' cannot be answered honestly when support was fast but curt." },
  { kind: "bullet", text: "Prefer concrete, recent experience ('your last order') over general opinion ('our service')." },
  { kind: "bullet", text: "Use the same scale direction throughout, and label both ends of every rating scale." },
  { kind: "h2", text: "Show only what applies" },
  { kind: "p", text: "Skip logic is the cheapest way to shorten a survey. If somebody has never used a feature, do not ask them to rate it; if they are happy, do not ask what went wrong. A respondent should never meet a question whose honest answer is 'this does not apply to me'." },
  { kind: "h2", text: "Respect the people who answer" },
  { kind: "bullet", text: "Say how long the survey takes, and keep that promise." },
  { kind: "bullet", text: "Ask for personal details only when you will use them, say why, and make marketing consent a separate, unticked choice." },
  { kind: "bullet", text: "Make every page work without JavaScript and with a keyboard or a screen reader." },
  { kind: "bullet", text: "Load nothing from third parties: no trackers, no fonts, no scripts from elsewhere." },
  { kind: "h2", text: "A checklist before you publish" },
  { kind: "check", text: "Every question maps to a decision somebody will make with its answers." },
  { kind: "check", text: "A colleague finished the survey on a phone in the time you claim." },
  { kind: "check", text: "Skip logic was tested with at least one 'happy' and one 'unhappy' path." },
  { kind: "check", text: "Required questions are only those you truly cannot do without." },
  { kind: "check", text: "The privacy page says what is stored, for how long, and who sees it." },
  { kind: "check", text: "The thank-you page tells people what happens next." },
  { kind: "h2", text: "About this paper" },
  { kind: "p", text: "This is the example white paper that ships with Canvass. It is offered through a gated form to show how contact details are collected with consent, stored only for the site's owner, and never passed to anyone else." },
];

/** Serialises objects with a correct xref table; object 1 is the catalog, 2 the page tree. */
function buildPdf(pageContents: string[], info: { title: string; author: string }): Uint8Array {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body);
  const first = 6; // 1 catalog, 2 pages, 3 Helvetica, 4 Helvetica-Bold, 5 info
  const kids = pageContents.map((_, i) => `${first + 2 * i} 0 R`).join(" ");
  add("<< /Type /Catalog /Pages 2 0 R >>");
  add(`<< /Type /Pages /Kids [${kids}] /Count ${pageContents.length} >>`);
  add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>");
  add(`<< /Title (${escapePdf(info.title)}) /Author (${escapePdf(info.author)}) /Producer (Canvass make-example-paper) >>`);
  pageContents.forEach((content, i) => {
    add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE.width} ${PAGE.height}] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${first + 2 * i + 1} 0 R >>`);
    add(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
  });
  let out = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  // Every character is below U+0100, so one byte each: offsets counted in characters are byte offsets.
  return Uint8Array.from(out, (c) => c.charCodeAt(0));
}

function exampleGuide(): Uint8Array {
  return buildPdf(layout(coverBand(), CONTENT), { title: "Short surveys people finish", author: "The Canvass team" });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const bytes = exampleGuide();
  await writeFile(EXAMPLE_PDF, bytes);
  console.log(`wrote ${EXAMPLE_PDF} (${bytes.length} bytes)`);
}
