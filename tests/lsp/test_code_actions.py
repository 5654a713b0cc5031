"""Code actions: replace with each suggestion (case kept, `replace:` first
and preferred), suppress with a comment in the file type's syntax, and
`source.fixAll.phraselint`; each edit is applied here as an editor would and
the result checked, then sent back to see the finding gone."""

import pytest
from conftest import (
    ACME_BOOK,
    apply_action,
    apply_edits,
    code_actions,
    diagnostics,
    open_doc,
    project,
    relint,
    rng,
    spans,
    text_edits,
)
from lsprotocol import types

FIX_ALL = "source.fixAll.phraselint"


def titles(actions):
    return [a.title for a in actions]


@pytest.mark.parametrize(
    "offered, encoding, start, end",
    # After "🚀 Café " (2 + 1 + 4 + 1 UTF-16 units, 4 + 1 + 5 + 1 bytes).
    [(None, "utf-16", 8, 22), (["utf-8", "utf-16"], "utf-8", 11, 25)],
)
async def test_quick_fixes_for_a_finding(lsp, tmp_path, offered, encoding, start, end):
    folder = project(tmp_path / "site")
    client = await lsp(encodings=offered)
    text = "# Launch\n\n🚀 Café enables access now.\n"
    uri = open_doc(client, folder / "page.md", text, "markdown")
    [finding] = await diagnostics(client, uri)
    assert (finding.code, finding.range) == ("acme/enables-access", rng(2, start, end))
    # The book says `suggest: [powered by, integrates with]`, `replace:
    # integrates with`: the replacement comes first.
    assert finding.data["suggestions"] == ["integrates with", "powered by"]

    # A caret inside the finding, as an editor's light bulb asks: the quick
    # fixes, then fix-all (for the whole document).
    actions = await code_actions(client, uri, rng(2, start + 3, start + 3), diags=[finding])
    assert titles(actions) == [
        'Replace with "integrates with"',
        'Replace with "powered by"',
        "Suppress acme/enables-access with a comment",
        "phraselint: apply every replace:",
    ]
    assert [a.kind for a in actions] == [types.CodeActionKind.QuickFix] * 3 + [FIX_ALL]
    assert [a.is_preferred for a in actions] == [True, False, None, None]
    assert all(list(a.diagnostics) == [finding] for a in actions[:3])

    fixed = apply_action(text, actions[0], uri, encoding)
    assert fixed == "# Launch\n\n🚀 Café integrates with now.\n"
    assert apply_action(text, actions[1], uri, encoding) == "# Launch\n\n🚀 Café powered by now.\n"
    assert await relint(client, uri, fixed, 2) == []


async def test_quick_fixes_keep_case(lsp, tmp_path):
    folder = project(tmp_path / "site")
    client = await lsp()
    text = "Enables access for all. ENABLES ACCESS, NOW.\n"
    uri = open_doc(client, folder / "page.md", text, "markdown")
    found = await diagnostics(client, uri)
    assert spans(found) == [
        ("acme/enables-access", rng(0, 0, 14)),
        ("acme/enables-access", rng(0, 24, 38)),
    ]
    # A selection over the whole line: the actions of both findings.
    actions = await code_actions(client, uri, rng(0, 0, 44), only=["quickfix"])
    assert titles(actions) == [
        'Replace with "Integrates with"',
        'Replace with "Powered by"',
        "Suppress acme/enables-access with a comment",
        'Replace with "INTEGRATES WITH"',
        'Replace with "POWERED BY"',
        "Suppress acme/enables-access with a comment",
    ]
    edits = text_edits(actions[0], uri) + text_edits(actions[3], uri)
    fixed = apply_edits(text, edits, "utf-16")
    assert fixed == "Integrates with for all. INTEGRATES WITH, NOW.\n"
    assert await relint(client, uri, fixed, 2) == []


async def test_built_in_replace_comes_first_and_is_preferred(lsp, tmp_path):
    client = await lsp()
    text = "The plug-in directly accesses GPT-5.\n"
    uri = open_doc(client, tmp_path / "page.md", text, "markdown")
    found = await diagnostics(client, uri)
    assert spans(found)[0] == ("partner-ai/directly-accesses", rng(0, 12, 29))
    actions = await code_actions(client, uri, rng(0, 13, 13))
    assert [(a.title, a.is_preferred) for a in actions[:2]] == [
        ('Replace with "integrates with"', True),
        ('Replace with "powered by"', False),
    ]
    assert apply_action(text, actions[0], uri, "utf-16") == "The plug-in integrates with GPT-5.\n"


async def test_no_actions_away_from_a_finding(lsp, tmp_path):
    folder = project(tmp_path / "site")
    client = await lsp()
    text = "# Launch\n\nFrontier enables access now.\n"
    uri = open_doc(client, folder / "page.md", text, "markdown")
    await diagnostics(client, uri)
    for nowhere in (rng(0, 0, 8), rng(2, 0, 8), rng(2, 24, 24)):
        assert await code_actions(client, uri, nowhere, only=["quickfix"]) == []
        # Fix-all is for the whole document, wherever it is asked for.
        assert titles(await code_actions(client, uri, nowhere)) == ["phraselint: apply every replace:"]
    clean = open_doc(client, folder / "clean.md", "Frontier integrates with GPT-5.\n", "markdown")
    await diagnostics(client, clean)
    assert await code_actions(client, clean, rng(0, 0, 29)) == []


SUPPRESS = "phraselint-disable-next-line partner-ai/enables-access -- reason"


@pytest.mark.parametrize(
    "name, language, text, line, suppressed",
    [
        # A paragraph's first line: a comment line of its own above it.
        (
            "page.md",
            "markdown",
            "# Launch\n\nFrontier enables access to GPT-5.\n",
            2,
            f"# Launch\n\n<!-- {SUPPRESS} -->\nFrontier enables access to GPT-5.\n",
        ),
        # Inside a paragraph a comment line would split it: the comment goes
        # at the end of the line before.
        (
            "page.md",
            "markdown",
            "# Launch\n\nOur assistant is fast.\nFrontier enables access to GPT-5.\n",
            3,
            f"# Launch\n\nOur assistant is fast. <!-- {SUPPRESS} -->\nFrontier enables access to GPT-5.\n",
        ),
        # HTML: indented like the line it suppresses.
        (
            "page.html",
            "html",
            "<body>\n  <p>Frontier enables access to GPT-5.</p>\n</body>\n",
            1,
            f"<body>\n  <!-- {SUPPRESS} -->\n  <p>Frontier enables access to GPT-5.</p>\n</body>\n",
        ),
        (
            "page.mdx",
            "mdx",
            "# Launch\n\nFrontier enables access to GPT-5.\n",
            2,
            f"# Launch\n\n{{/* {SUPPRESS} */}}\nFrontier enables access to GPT-5.\n",
        ),
        (
            "notes.txt",
            "plaintext",
            "Launch\n\nFrontier enables access to GPT-5.\n",
            2,
            f"Launch\n\n{SUPPRESS}\nFrontier enables access to GPT-5.\n",
        ),
    ],
    ids=["markdown", "markdown-paragraph", "html", "mdx", "text"],
)
async def test_suppress_with_a_comment(lsp, tmp_path, name, language, text, line, suppressed):
    client = await lsp()
    uri = open_doc(client, tmp_path / name, text, language)
    [finding] = await diagnostics(client, uri)
    assert finding.range.start.line == line
    actions = await code_actions(client, uri, finding.range, diags=[finding])
    [suppress] = [a for a in actions if a.title.startswith("Suppress")]
    assert suppress.title == "Suppress partner-ai/enables-access with a comment"
    assert suppress.kind == types.CodeActionKind.QuickFix
    assert not suppress.is_preferred
    result = apply_action(text, suppress, uri, "utf-16")
    assert result == suppressed
    # The inserted comment really suppresses the finding.
    assert await relint(client, uri, result, 2) == []


UNSUPPRESSIBLE_BOOK = (
    ACME_BOOK
    + """\
  - id: guaranteed
    banned: [guaranteed returns]
    message: Never promise returns.
    suppressible: false
"""
)


async def test_no_suppression_offered_for_a_rule_that_cannot_be_suppressed(lsp, tmp_path):
    folder = project(tmp_path / "site", UNSUPPRESSIBLE_BOOK)
    client = await lsp()
    comment = "<!-- phraselint-disable-next-line acme/guaranteed -->"
    text = f"{comment}\nGuaranteed returns.\n"
    uri = open_doc(client, folder / "page.md", text, "markdown")
    refused, finding = await diagnostics(client, uri)
    # The rule's name in the comment is an error of its own, and the
    # finding stays.
    name = comment.index("acme/guaranteed")
    assert (refused.code, refused.range) == ("phraselint/unsuppressible", rng(0, name, name + 15))
    assert refused.message.startswith("`acme/guaranteed` cannot be suppressed")
    assert (finding.code, finding.range) == ("acme/guaranteed", rng(1, 0, 18))
    # Neither is offered a comment that would not silence it.
    for diag in (refused, finding):
        assert await code_actions(client, uri, diag.range, only=["quickfix"], diags=[diag]) == []


FIX_ALL_TEXT = (
    "# Frontier\n"
    "\n"
    "Enables access for all. The hyperdrive gateway enables access today.\n"
    "\n"
    "- ENABLES ACCESS, then **enables** access.\n"
)


async def test_fix_all(lsp, tmp_path):
    folder = project(tmp_path / "site")
    client = await lsp()
    uri = open_doc(client, folder / "page.md", FIX_ALL_TEXT, "markdown")
    assert spans(await diagnostics(client, uri)) == [
        ("acme/enables-access", rng(2, 0, 14)),
        ("acme/hyperdrive", rng(2, 28, 46)),
        ("acme/enables-access", rng(2, 47, 61)),
        ("acme/enables-access", rng(4, 2, 16)),
        ("acme/enables-access", rng(4, 25, 41)),
    ]
    everything = rng(0, 0, 0, end_line=5)
    for only in ([FIX_ALL], ["source.fixAll"], ["source"]):
        [fix_all] = await code_actions(client, uri, everything, only=only)
        assert fix_all.title == "phraselint: apply every replace:"
        assert fix_all.kind == FIX_ALL
        fixed = apply_action(FIX_ALL_TEXT, fix_all, uri, "utf-16")
        # Every safe `replace:` (case kept); the one with markup inside, and
        # the rule without `replace:`, are left for the writer.
        assert fixed == (
            "# Frontier\n"
            "\n"
            "Integrates with for all. The hyperdrive gateway integrates with today.\n"
            "\n"
            "- INTEGRATES WITH, then **enables** access.\n"
        )
    quick = await code_actions(client, uri, everything, only=["quickfix"])
    assert quick and all(a.kind == types.CodeActionKind.QuickFix for a in quick)
    # Unfiltered: the quick fixes, then fix-all, last.
    unfiltered = await code_actions(client, uri, everything)
    assert [a.kind for a in unfiltered] == [a.kind for a in quick] + [FIX_ALL]
    assert await code_actions(client, uri, everything, only=["refactor"]) == []

    assert spans(await relint(client, uri, fixed, 2)) == [
        ("acme/hyperdrive", rng(2, 29, 47)),
        ("acme/enables-access", rng(4, 26, 42)),
    ]
    # Nothing safe is left to fix.
    assert await code_actions(client, uri, everything, only=[FIX_ALL]) == []


# --- Fixes across a line break and across markup ------------------------------
# (`Frontier **enables** access` → `Frontier **integrates** with`: each word
# of the replacement where a word of the match was.)


async def test_a_phrase_wrapped_across_lines(lsp, tmp_path):
    folder = project(tmp_path / "site")
    client = await lsp()
    text = "Frontier enables\naccess now.\n"
    uri = open_doc(client, folder / "page.md", text, "markdown")
    [finding] = await diagnostics(client, uri)
    assert finding.range == rng(0, 9, 6, end_line=1)
    actions = await code_actions(client, uri, rng(0, 10, 10))
    # The title is one line: the replacement's words with single spaces.
    assert titles(actions)[:2] == ['Replace with "integrates with"', 'Replace with "powered by"']
    # The edit may keep the line break between the words.
    fixed = apply_action(text, actions[0], uri, "utf-16")
    assert fixed in ("Frontier integrates\nwith now.\n", "Frontier integrates with now.\n")
    assert await relint(client, uri, fixed, 2) == []


@pytest.mark.parametrize(
    "name, language, text, finding_range, expected",
    [
        (
            "page.md",
            "markdown",
            "Frontier **enables** access now.\n",
            rng(0, 11, 27),
            "Frontier **integrates** with now.\n",
        ),
        (
            "page.html",
            "html",
            "<p>Frontier <b>enables</b> access now.</p>\n",
            rng(0, 15, 33),
            "<p>Frontier <b>integrates</b> with now.</p>\n",
        ),
    ],
    ids=["markdown", "html"],
)
async def test_a_fix_across_markup_keeps_it_balanced(lsp, tmp_path, name, language, text, finding_range, expected):
    folder = project(tmp_path / "site")
    client = await lsp()
    uri = open_doc(client, folder / name, text, language)
    [finding] = await diagnostics(client, uri)
    assert (finding.code, finding.range) == ("acme/enables-access", finding_range)
    actions = await code_actions(client, uri, rng(0, finding_range.start.character + 1, finding_range.start.character + 1))
    assert actions[0].title == 'Replace with "integrates with"'
    fixed = apply_action(text, actions[0], uri, "utf-16")
    assert fixed == expected
    assert await relint(client, uri, fixed, 2) == []


@pytest.mark.parametrize("offered, encoding, width", [(None, "utf-16", 1), (["utf-8"], "utf-8", 3)])
async def test_a_byte_order_mark_the_client_keeps_is_counted(lsp, tmp_path, offered, encoding, width):
    """A client that keeps a file's BOM in the text counts it in columns:
    ranges on the first line start one character (three UTF-8 bytes) later,
    and an edit there leaves the mark in place."""
    client = await lsp(encodings=offered)
    text = "\ufeffIt calls on GPT.\nIt calls on GPT.\n"
    uri = open_doc(client, tmp_path / "page.md", text, "markdown")
    found = await diagnostics(client, uri)
    assert [(d.code, d.range) for d in found] == [
        ("partner-ai/calls-on", rng(0, 3 + width, 11 + width)),
        ("partner-ai/calls-on", rng(1, 3, 11)),
    ]
    actions = await code_actions(client, uri, rng(0, 4 + width, 4 + width), only=["quickfix"], diags=[found[0]])
    assert actions[0].title == 'Replace with "powered by"'
    assert apply_action(text, actions[0], uri, encoding) == "\ufeffIt powered by GPT.\nIt calls on GPT.\n"
