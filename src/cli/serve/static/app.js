// The web checker: sends the copy or the dropped file to the API and shows
// each finding. Text from the user or the report only ever goes in through
// textContent, never as HTML.
"use strict";

const $ = (id) => document.getElementById(id);
const TEXT_KINDS = /\.(md|markdown|mdx|html?|xhtml|txt|text)$/i;

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

async function loadBooks() {
  try {
    const answer = await fetch("api/v1/phrasebooks");
    const body = await answer.json();
    const books = body.phrasebooks.map((b) =>
      `${b.name} ${b.version}` + (b.owner ? ` (owner: ${b.owner})` : ""));
    $("books").textContent = "Phrasebooks in force: " + books.join(", ");
  } catch (e) {
    $("books").textContent = "The phrasebooks could not be loaded: " + e;
  }
}

// The copy with each finding's span marked. Offsets are bytes of the text
// as sent, so the marks are cut from its UTF-8 bytes.
function showText(bytes, findings) {
  const view = $("view");
  view.replaceChildren();
  const decode = (a, b) => new TextDecoder().decode(bytes.subarray(a, b));
  let at = 0;
  findings.forEach((f, i) => {
    if (f.location || f.start.offset < at) return;
    view.append(decode(at, f.start.offset));
    const mark = el("mark", f.severity, decode(f.start.offset, f.end.offset));
    mark.title = f.message;
    mark.dataset.finding = String(i + 1);
    view.append(mark);
    at = f.end.offset;
  });
  view.append(decode(at, bytes.length));
  view.hidden = false;
}

function showFindings(report) {
  const list = $("findings");
  list.replaceChildren();
  for (const f of report.findings) {
    const item = el("li");
    item.append(el("span", "severity " + f.severity, f.severity));
    item.append(el("span", "message", f.message));
    const where = f.location ? f.location : `line ${f.start.line}, column ${f.start.column}`;
    const line = el("div", "where", where + ": ");
    line.append(el("span", "excerpt", f.matched));
    item.append(line);
    if (f.suggestions.length) {
      item.append(el("div", "suggestions", "Try: " + f.suggestions.join(", ")));
    }
    const rule = el("div", "rule");
    if (f.link) {
      const a = el("a", "", f.rule);
      a.href = f.link;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      rule.append(a);
    } else {
      rule.textContent = f.rule;
    }
    item.append(rule);
    list.append(item);
  }
  for (const e of report.errors) {
    list.append(el("li", "problem", `${e.path}: ${e.message}`));
  }
  const n = report.summary.findings;
  $("status").textContent = report.errors.length
    ? "The text could not be checked."
    : n === 0 ? "No findings." : n === 1 ? "1 finding." : `${n} findings.`;
}

async function send(body, bytes) {
  $("status").textContent = "Checking…";
  try {
    const answer = await fetch("api/v1/check", body);
    const report = await answer.json();
    if (!answer.ok) {
      $("status").textContent = "Not checked: " + report.error;
      return;
    }
    showFindings(report);
    if (bytes) {
      showText(bytes, report.findings);
    } else {
      $("view").hidden = true;
    }
  } catch (e) {
    $("status").textContent = "Not checked: " + e;
  }
}

let pending;
function checkCopy() {
  clearTimeout(pending);
  pending = setTimeout(() => {
    const text = $("copy").value;
    const filename = $("filename").value.trim() || "copy.md";
    send({
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ filename, text }),
    }, new TextEncoder().encode(text));
  }, 300);
}

async function checkFile(file) {
  const form = new FormData();
  form.append("file", file, file.name);
  const bytes = TEXT_KINDS.test(file.name) ? new Uint8Array(await file.arrayBuffer()) : null;
  send({ method: "POST", body: form }, bytes);
}

$("copy").addEventListener("input", checkCopy);
$("filename").addEventListener("input", checkCopy);
$("file").addEventListener("change", () => {
  if ($("file").files.length) checkFile($("file").files[0]);
});
const drop = $("drop");
drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", (e) => {
  e.preventDefault();
  drop.classList.remove("over");
  if (e.dataTransfer.files.length) checkFile(e.dataTransfer.files[0]);
});
loadBooks();
