"""The debrief as a PDF committee packet (reportlab, from the ``pdf`` extra)."""

from __future__ import annotations

from datetime import datetime
from io import BytesIO
from xml.sax.saxutils import escape

from hireloop.interview.committee import Debrief
from hireloop.interview.round import RoundState
from hireloop.vocab import COMPETENCY_LABELS, DECISION_LABELS, ROUNDS, plain, plain_list

DECISION_COLOURS = {
    "strong_hire": "#1f7a4d",
    "hire": "#3b7d2e",
    "no_hire": "#a86200",
    "strong_no_hire": "#b3261e",
}


class PdfUnavailable(RuntimeError):
    """reportlab is not installed."""


def _p(text: str) -> str:
    return escape(" ".join(text.split()))


def debrief_pdf(debrief: Debrief, rounds: list[RoundState], *, created: datetime) -> bytes:
    try:
        from reportlab.lib import colors
        from reportlab.lib.pagesizes import A4
        from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
        from reportlab.lib.units import mm
        from reportlab.platypus import (
            KeepTogether,
            PageBreak,
            Paragraph,
            SimpleDocTemplate,
            Spacer,
            Table,
            TableStyle,
        )
    except ImportError:
        raise PdfUnavailable("PDF export needs reportlab: pip install 'hireloop[pdf]'") from None

    styles = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=styles["BodyText"], fontSize=9.5, leading=13)
    small = ParagraphStyle("small", parent=body, fontSize=8, leading=10, textColor=colors.HexColor("#5d6676"))
    quote = ParagraphStyle(
        "quote",
        parent=body,
        leftIndent=10,
        textColor=colors.HexColor("#333a48"),
        fontName="Helvetica-Oblique",
        borderPadding=(2, 2, 2, 6),
    )
    h1 = ParagraphStyle("h1", parent=styles["Title"], fontSize=18, alignment=0, spaceAfter=4)
    h2 = ParagraphStyle(
        "h2",
        parent=styles["Heading2"],
        fontSize=12.5,
        spaceBefore=10,
        spaceAfter=4,
        textColor=colors.HexColor("#1d2330"),
    )
    h3 = ParagraphStyle("h3", parent=styles["Heading3"], fontSize=10.5, spaceBefore=6, spaceAfter=2)
    grid = TableStyle(
        [
            ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 8.5),
            ("FONT", (0, 1), (-1, -1), "Helvetica", 8.5),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef0f4")),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor("#d5d9e0")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
    )

    story = [
        Paragraph("Hiring committee packet", h1),
        Paragraph(
            f"AI product manager mock loop · {len(rounds)} round{'' if len(rounds) == 1 else 's'} · "
            f"{created:%d %B %Y} · prepared by hireloop",
            small,
        ),
        Spacer(1, 6 * mm),
    ]
    colour = DECISION_COLOURS[debrief.decision]
    decision = Table(
        [
            [
                Paragraph(
                    f'<font color="white"><b>{DECISION_LABELS[debrief.decision].upper()}</b></font>', body
                ),
                Paragraph(
                    f"<b>Why:</b> {_p(debrief.rule_text)}<br/><font size=8>rule: {plain(debrief.rule)} · "
                    f"loop score {debrief.loop_score:.2f} / 4</font>",
                    body,
                ),
            ]
        ],
        colWidths=[38 * mm, 132 * mm],
    )
    decision.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (0, 0), colors.HexColor(colour)),
                ("BOX", (0, 0), (-1, -1), 0.8, colors.HexColor(colour)),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    story += [decision, Spacer(1, 4 * mm)]

    story.append(Paragraph("Round grades", h2))
    rows = [["#", "Round", "Question", "Grade", "Concerns behind the grade"]]
    for r in debrief.rounds:
        grade = str(r.grade or "—")
        if r.first_answer_grade and r.grade and r.first_answer_grade != r.grade:
            grade += f" (first {r.first_answer_grade})"
        concerns = "<br/>".join(f"• {_p(c.text)}" for c in r.concerns) or "—"
        rows.append(
            [
                str(r.index + 1),
                Paragraph(ROUNDS[r.round], small),
                Paragraph(_p(r.question), small),
                grade,
                Paragraph(concerns, small),
            ]
        )
    table = Table(rows, colWidths=[7 * mm, 24 * mm, 62 * mm, 17 * mm, 60 * mm], repeatRows=1)
    table.setStyle(grid)
    story.append(table)

    story.append(Paragraph("Competencies across the loop", h2))
    rows = [["Competency", "Grade", "Rounds with evidence"]]
    for c in debrief.competencies:
        rows.append([COMPETENCY_LABELS[c.id], str(c.grade) if c.grade else "not assessed", str(c.rounds)])
    table = Table(rows, colWidths=[70 * mm, 40 * mm, 60 * mm])
    table.setStyle(grid)
    story.append(table)
    story += [Paragraph(_p(rule), small) for rule in debrief.consistency]

    story.append(Paragraph("Concerns", h2))
    if not debrief.concerns:
        story.append(Paragraph("None raised.", body))
    for concern in debrief.concerns:
        where = ", ".join(f"round {i + 1}" for i in concern.rounds)
        tag = " (closed only under probing)" if concern.needed_prompting_only else ""
        block = [
            Paragraph(f"{_p(concern.title)}{tag}", h3),
            Paragraph(f"<font size=8 color='#5d6676'>{plain(concern.flag)} · {where}</font>", body),
        ]
        block += [Paragraph(f"• {_p(reason)}", body) for reason in dict.fromkeys(concern.reasons)]
        block += [
            Paragraph(f"“{_p(q.quote)}” <font size=8>(round {q.round_index + 1})</font>", quote)
            for q in concern.evidence[:3]
        ]
        story.append(KeepTogether(block))

    story.append(Paragraph("What went well", h2))
    if not debrief.strengths:
        story.append(Paragraph("Nothing stood out as a strength.", body))
    for strength in debrief.strengths:
        story.append(
            Paragraph(f"• {_p(strength.point)} <font size=8>(round {strength.round_index + 1})</font>", body)
        )
        story += [Paragraph(f"“{_p(q.quote)}”", quote) for q in strength.evidence]

    story.append(Paragraph("Practise next", h2))
    for item in debrief.practice_next:
        questions = "; ".join(item.titles or item.questions) or "—"
        story.append(
            Paragraph(
                f"<b>{COMPETENCY_LABELS[item.competency]}</b>: questions {_p(questions)}; "
                f"drills {_p(plain_list(item.drill_topics))}",
                body,
            )
        )

    story.append(Paragraph("How this committee decides", h2))
    for i, rule in enumerate(debrief.rules, 1):
        story.append(
            Paragraph(
                f"{i}. <b>{plain(rule['id'])}</b> → {DECISION_LABELS[rule['decision']]}: {_p(rule['text'])}",
                body,
            )
        )
    story.append(Paragraph("The first rule that matches decides.", small))

    story += [PageBreak(), Paragraph("Appendix: the answers", h2)]
    for index, r in enumerate(rounds):
        story.append(Paragraph(f"Round {index + 1}: {ROUNDS[r.round]}", h3))
        story.append(Paragraph(f"<b>Q:</b> {_p(r.question)}", body))
        for para in (r.answer or "(no answer)").split("\n\n"):
            story.append(Paragraph(_p(para), body))
        for probe in r.probes:
            story.append(Paragraph(f"<b>Probe:</b> {_p(probe.probe)}", body))
            if probe.closed_flags:
                story.append(Paragraph(f"Closed: {_p(plain_list(probe.closed_flags))}", small))
            story.append(Paragraph(_p(probe.answer or "(no answer)"), body))

    def footer(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 7.5)
        canvas.setFillColor(colors.HexColor("#5d6676"))
        canvas.drawString(20 * mm, 10 * mm, "hireloop · mock loop committee packet · practice only")
        canvas.drawRightString(190 * mm, 10 * mm, f"page {doc.page}")
        canvas.restoreState()

    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title="Hiring committee packet",
        author="hireloop",
    )
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
