/**
 * The starter survey `canvass new` writes, in either format. It is meant to be
 * read: comments explain each setting, and it passes `canvass check` as written
 * (a test holds it to that).
 */

/** `customer-feedback` → `Customer feedback`. */
function titleFromId(id: string): string {
  const words = id.replace(/-/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function starterYaml(id: string): string {
  return `# Survey "${id}": the file name is its id, and it is published at /s/${id}/.
# Check it after every change with: npx canvass check

title: ${titleFromId(id)}
# Markdown, shown above the first question.
description: |
  A few quick questions; it takes about two minutes.

# draft: not published yet. Set it to open when you are ready for answers,
# and to closed when you are done (the page then says so and accepts nothing).
status: draft
# opens: 2026-01-01        # first day answers are accepted (UTC)
# closes: 2026-01-31       # last day answers are accepted
anonymous: false           # true: nothing links an answer to a person, not even an invitation
thanks: Thank you, {{name|friend}}! Your answers help us a lot.

# One page of questions. For several pages, write instead:
#   pages:
#     - title: About your order
#       questions: [ ... ]
#     - title: About you
#       show_if: satisfaction <= 3     # a page can be skipped too
#       questions: [ ... ]
questions:
  - id: satisfaction       # lowercase letters, digits and _; names the answer
    # single multiple dropdown text textarea email number rating nps matrix yesno date consent
    type: rating
    label: How satisfied are you overall?
    help: 1 is very unhappy, 5 is very happy.
    scale: 5
    required: true

  - id: liked
    type: multiple
    label: What did you like?
    choices: [Price, Quality, Service]
    other: true            # adds "Other, please specify"
    max: 2                 # at most two ticks

  - id: improve
    type: textarea
    label: What should we do better?
    show_if: satisfaction <= 3   # asked only when true; may use earlier answers
`;
}

export function starterMarkdown(id: string): string {
  return `---
# Survey "${id}": the file name is its id, and it is published at /s/${id}/.
# Check it after every change with: npx canvass check
title: ${titleFromId(id)}
# draft: not published yet; open takes answers; closed shows a notice.
status: draft
# opens: 2026-01-01
# closes: 2026-01-31
anonymous: false
thanks: Thank you, {{name|friend}}! Your answers help us a lot.
---
A few quick questions; it takes about two minutes.

<!-- Text before the first question is the description. Each "##" heading is a
question: the label, then {#id type=... key=value}. Text under it is help; a list
under a choice question gives its choices. A line of --- starts a new page, and
a "# Heading" right after it titles that page. -->

## How satisfied are you overall? {#satisfaction type=rating scale=5 required}
1 is very unhappy, 5 is very happy.

## What did you like? {#liked type=multiple other max=2}
- Price
- Quality
- Service

---
# Tell us more

## What should we do better? {#improve type=textarea show_if="satisfaction <= 3"}
`;
}
