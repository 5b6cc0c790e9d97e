"""Draws docs/architecture.svg, the picture of docs/architecture.md: the
layers of the extension, the C files of each, and who calls whom.

    python3 tools/arch_diagram.py > docs/architecture.svg
    python3 tools/arch_diagram.py --check     (make check-generated)

The layers are a table (LAYERS below).  --check fails when a C file of src/
or addin/ is missing from the table or the table names a file that does not
exist, so the picture cannot drift from the tree, and when the checked-in
SVG differs from what the table draws."""
import glob
import os
import sys
from xml.sax.saxutils import escape

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))

# (layer, colour, what it is, [(file, one line)]); top to bottom, each layer
# calls only the layers below it.
LAYERS = [
    ("LibreOffice", "#e8e8e8", "Calc, the sidebar framework, the document model", [
        ("Calc", "calls the functions (core reflection)"),
        ("sidebar", "creates the panel (panel factory)"),
        ("menu", "dispatches the commands (protocol handler)"),
        ("save", "runs the save job (Jobs.xcu)"),
    ]),
    ("commands", "#fde9e9", "org.keyaccount.calc:<Command>, the save job (the calling thread)", [
        ("addin/ka_commands.c", "protocol handler, command table"),
        ("addin/ka_share_copy.c", "Share a copy with values"),
        ("addin/ka_save_job.c", "result style before a save"),
        ("addin/ka_review.c", "review engine: a plan into a sheet"),
        ("addin/ka_sales_review.c", "Sales review: inputs checked"),
        ("addin/ka_churn_review.c", "Churn review: the log checked"),
        ("addin/ka_review_dialog.c", "review dialogs, Prefill from the selection"),
    ]),
    ("panel", "#fbe3c2", "the Key accounts deck (main thread, VCL events)", [
        ("addin/ka_sidebar.c", "panel object, factory, events"),
        ("addin/ka_review_panel.c", "Review panel: buttons dispatch commands"),
        ("addin/ka_panel_base.c", "what both panels share: form window, UNO members"),
        ("addin/ka_panel_actions.c", "New, Save, Delete, records"),
        ("addin/ka_panel_why.c", "why the cursor's cell fails"),
        ("addin/ka_form.c", "field table <-> form controls"),
        ("addin/ka_controls.c", "typed wrappers of awt controls"),
        ("addin/ka_layout.c", "the form laid out for its width"),
        ("addin/ka_options.c", "options page: the language"),
    ]),
    ("glue", "#d6e8fa", "UNO arguments in, core call, result or Calc error out", [
        ("addin/ka_addin.c", "XAddIn texts from the function table"),
        ("addin/ka_language.c", "language option, interface language"),
        ("addin/ka_calls.c", "handler table; segmentation handlers"),
        ("addin/ka_churn_calls.c", "order log, BG/NBD family, CLV"),
        ("addin/ka_list_calls.c", "ranked lists, log clients, lapses"),
        ("addin/ka_period_calls.c", "PERIODTOTALS, MIGRATION, RFM"),
        ("addin/ka_order_log.c", "order log and client list from ranges"),
        ("addin/ka_spend_calls.c", "Gamma-Gamma spend handlers"),
        ("addin/ka_dossier_calls.c", "DOSSIER(): the handler, refresh"),
        ("addin/ka_request.c", "a DOSSIER() request and its key"),
        ("addin/ka_profiles.c", "the one cache of parsed profiles"),
        ("addin/ka_store.c", "profiles as document properties"),
        ("addin/ka_live.c", "XVolatileResult values"),
        ("addin/ka_args.c", "cells, ranges and results"),
        ("addin/ka_component.c", "library entry, factories"),
    ]),
    ("kit", "#d9f2d9", "the one binary-UNO kit", [
        ("addin/ka_uno.c", "objects, dispatch, strings, anys, calls"),
    ]),
    ("core", "#f3dcf3", "pure C: libc, libm, libxml2; no UNO types", [
        ("src/ka_functions.c", "the function table"),
        ("src/ka_messages.c", "panel, sidebar, menu, extension texts"),
        ("src/ka_formula_scan.c", "does a formula call the toolkit?"),
        ("src/ka_failures.c", "recent failures and their reasons"),
        ("src/ka_memo.c", "results of recent calls by their arguments"),
        ("src/ka_dates.c", "dates in the locale's format"),
        ("src/ka_review_guess.c", "which columns a review dialog proposes"),
        ("src/ka_i18n.c", "languages, best match, translations"),
        ("src/ka_segment.c", "ABC, XYZ, shares, concentration"),
        ("src/ka_review_plan.c", "review plans: layout, templates"),
        ("src/ka_sales_plan.c", "the sales review's tables"),
        ("src/ka_churn_plan.c", "the churn review's tables"),
        ("src/ka_summary.c", "order log to per-client figures"),
        ("src/ka_migration.c", "class-migration table"),
        ("src/ka_rfm.c", "RFM scores and segments"),
        ("src/ka_bgnbd.c", "BG/NBD, MBG/NBD, Pareto/NBD"),
        ("src/ka_model_check.c", "repeat histogram, P(alive) grid"),
        ("src/ka_rank.c", "top clients by a score"),
        ("src/ka_spend.c", "Gamma-Gamma spend fit, expected spend"),
        ("src/ka_clv.c", "customer lifetime value"),
        ("src/ka_optim.c", "BFGS"),
        ("src/ka_hyp2f1.c", "Gaussian hypergeometric 2F1"),
        ("src/ka_special.c", "log-gamma, digamma"),
        ("src/ka_dossier_fields.c", "dossier field tables"),
        ("src/ka_dossier_value.c", "value checks: kinds, dates, UTF-8"),
        ("src/ka_dossier.c", "dossier model, derived fields"),
        ("src/ka_dossier_read.c", "XML reading: pre-scan, schema"),
        ("src/ka_dossier_write.c", "XML writing"),
    ]),
]

# Pseudo-entries that are not files of the tree.
EXTERNAL = {"Calc", "sidebar", "menu", "save"}

W, PAD, BOX_W, BOX_H, GAP, HEAD = 1000, 14, 228, 40, 10, 34
PER_ROW = 4


def layer_height(files):
    rows = (len(files) + PER_ROW - 1) // PER_ROW
    return HEAD + rows * (BOX_H + GAP) + PAD


def draw():
    out = []
    y = PAD
    total = PAD + sum(layer_height(f) + 26 for _, _, _, f in LAYERS)
    out.append('<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
               'font-family="DejaVu Sans, sans-serif" font-size="12">' % (W, total))
    out.append('<defs><marker id="a" markerWidth="10" markerHeight="8" refX="9" refY="4" '
               'orient="auto"><path d="M0,0 L10,4 L0,8 z" fill="#555"/></marker></defs>')
    out.append('<rect width="100%" height="100%" fill="white"/>')
    for i, (name, colour, what, files) in enumerate(LAYERS):
        h = layer_height(files)
        out.append('<rect x="%d" y="%d" width="%d" height="%d" rx="8" fill="%s" '
                   'stroke="#888"/>' % (PAD, y, W - 2 * PAD, h, colour))
        out.append('<text x="%d" y="%d" font-size="15" font-weight="bold">%s</text>'
                   % (PAD + 10, y + 22, escape(name)))
        out.append('<text x="%d" y="%d" fill="#333">%s</text>'
                   % (PAD + 140, y + 22, escape(what)))
        for k, (path, line) in enumerate(files):
            bx = PAD + 12 + (k % PER_ROW) * (BOX_W + GAP)
            by = y + HEAD + (k // PER_ROW) * (BOX_H + GAP)
            out.append('<rect x="%d" y="%d" width="%d" height="%d" rx="4" fill="white" '
                       'stroke="#666"/>' % (bx, by, BOX_W, BOX_H))
            out.append('<text x="%d" y="%d" font-weight="bold">%s</text>'
                       % (bx + 6, by + 16, escape(os.path.basename(path))))
            out.append('<text x="%d" y="%d" font-size="10" fill="#333">%s</text>'
                       % (bx + 6, by + 32, escape(line)))
        y += h
        if i + 1 < len(LAYERS):
            out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#555" stroke-width="2" '
                       'marker-end="url(#a)"/>' % (W // 2, y + 2, W // 2, y + 24))
            out.append('<text x="%d" y="%d" fill="#555">calls</text>' % (W // 2 + 8, y + 17))
        y += 26
    out.append("</svg>")
    return "\n".join(out) + "\n"


def check_files():
    listed = {p for _, _, _, files in LAYERS for p, _ in files if p not in EXTERNAL}
    actual = {os.path.relpath(p, ROOT)
              for p in glob.glob(os.path.join(ROOT, "src", "*.c")) +
              glob.glob(os.path.join(ROOT, "addin", "*.c"))}
    problems = ["%s is not in tools/arch_diagram.py's LAYERS" % p for p in sorted(actual - listed)]
    problems += ["tools/arch_diagram.py names %s, which does not exist" % p
                 for p in sorted(listed - actual)]
    return problems


def main():
    if sys.argv[1:] == ["--check"]:
        problems = check_files()
        svg = os.path.join(ROOT, "docs", "architecture.svg")
        if not os.path.exists(svg) or open(svg).read() != draw():
            problems.append("docs/architecture.svg is stale: run make generated")
        for p in problems:
            print(p, file=sys.stderr)
        sys.exit(1 if problems else 0)
    sys.stdout.write(draw())


if __name__ == "__main__":
    main()
