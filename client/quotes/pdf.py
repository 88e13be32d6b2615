"""The PDF quotation: one clean A4 or Letter document, generated offline with fpdf2.

`render_pdf(QuotationDocument) -> bytes`: logo, seller and buyer blocks, quote number and
dates, the items table (repeated heading on each page) with its total, the terms, the
validity and two signature fields; page numbers in the footer. Labels are in the quote's
language (`LABELS`: en, de, es, fr, pt, ru, zh, ja, ar; else English); amounts, quantities and
dates through `client.money` in the buyer's locale.

Fonts ship in `resources/fonts/` and are embedded as subsets, so every viewer shows the same
page: DejaVu Sans (Latin, Greek, Cyrillic, Arabic) with Noto Sans SC (Chinese, Japanese kana)
as fallback; text is shaped by HarfBuzz (uharfbuzz). Text with Arabic or Hebrew letters is
laid out right-to-left on its own (fpdf2 orders digits wrongly inside a left-to-right run), and
a page in Arabic, Hebrew, Persian or Urdu is mirrored (seller and title swap sides, the items
table starts with # on the right, labels right-aligned).
Raises `QuotePdfError` in words (missing font files, a logo that is not an image, text no
shipped font can show — Korean, Thai, Devanagari, most emoji — which would otherwise vanish). Pure and
Qt-free (the CLI and the app make the same file); any thread. Fonts: `pdf_fonts` (only
those the text needs, each parsed once per process).
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from client import money
from client.i18n import _
from client.quotes import pdf_fonts
from client.quotes.pdf_imports import load_fpdf
from client.quotes.records import QuoteLine

_RTL = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_SHAPED = re.compile(r"[\u0300-\u036f\u0590-\u08ff\u0900-\u0dff\ufb1d-\ufdff\ufe70-\ufefc]")
_BIDI_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u061c"), None)
PAPERS = ("A4", "Letter")

LABELS: dict[str, dict[str, str]] = {
    "en": {"title": "QUOTATION", "number": "Quotation No.", "date": "Date",
           "valid": "Valid until", "seller": "Seller", "buyer": "Buyer", "pos": "#",
           "item": "Product / specification", "qty": "Quantity", "unit": "Unit",
           "price": "Unit price", "amount": "Amount", "total": "Total", "terms": "Terms",
           "incoterm": "Delivery", "payment": "Payment", "lead": "Lead time", "moq": "MOQ",
           "remarks": "Remarks", "currency": "Currency", "for_seller": "For the seller",
           "for_buyer": "Accepted by the buyer", "sign": "Name, signature, date",
           "page": "Page {page} of {pages}",
           "validity": "This quotation is valid until {date}."},
    "de": {"title": "ANGEBOT", "number": "Angebots-Nr.", "date": "Datum",
           "valid": "Gültig bis", "seller": "Verkäufer", "buyer": "Käufer", "pos": "Pos.",
           "item": "Produkt / Spezifikation", "qty": "Menge", "unit": "Einheit",
           "price": "Einzelpreis", "amount": "Betrag", "total": "Gesamt",
           "terms": "Bedingungen", "incoterm": "Lieferung", "payment": "Zahlung",
           "lead": "Lieferzeit", "moq": "Mindestmenge", "remarks": "Bemerkungen",
           "currency": "Währung", "for_seller": "Für den Verkäufer",
           "for_buyer": "Angenommen vom Käufer", "sign": "Name, Unterschrift, Datum",
           "page": "Seite {page} von {pages}",
           "validity": "Dieses Angebot ist gültig bis {date}."},
    "es": {"title": "COTIZACIÓN", "number": "Cotización n.º", "date": "Fecha",
           "valid": "Válida hasta", "seller": "Vendedor", "buyer": "Comprador", "pos": "#",
           "item": "Producto / especificación", "qty": "Cantidad", "unit": "Unidad",
           "price": "Precio unitario", "amount": "Importe", "total": "Total",
           "terms": "Condiciones", "incoterm": "Entrega", "payment": "Pago",
           "lead": "Plazo de entrega", "moq": "Pedido mínimo", "remarks": "Observaciones",
           "currency": "Moneda", "for_seller": "Por el vendedor",
           "for_buyer": "Aceptado por el comprador", "sign": "Nombre, firma, fecha",
           "page": "Página {page} de {pages}",
           "validity": "Esta cotización es válida hasta el {date}."},
    "fr": {"title": "DEVIS", "number": "Devis n°", "date": "Date", "valid": "Valable jusqu'au",
           "seller": "Vendeur", "buyer": "Acheteur", "pos": "N°",
           "item": "Produit / spécification", "qty": "Quantité", "unit": "Unité",
           "price": "Prix unitaire", "amount": "Montant", "total": "Total",
           "terms": "Conditions", "incoterm": "Livraison", "payment": "Paiement",
           "lead": "Délai", "moq": "Minimum de commande", "remarks": "Remarques",
           "currency": "Devise", "for_seller": "Pour le vendeur",
           "for_buyer": "Accepté par l'acheteur", "sign": "Nom, signature, date",
           "page": "Page {page} sur {pages}",
           "validity": "Ce devis est valable jusqu'au {date}."},
    "pt": {"title": "COTAÇÃO", "number": "Cotação n.º", "date": "Data",
           "valid": "Válida até", "seller": "Vendedor", "buyer": "Comprador", "pos": "#",
           "item": "Produto / especificação", "qty": "Quantidade", "unit": "Unidade",
           "price": "Preço unitário", "amount": "Valor", "total": "Total",
           "terms": "Condições", "incoterm": "Entrega", "payment": "Pagamento",
           "lead": "Prazo de entrega", "moq": "Pedido mínimo", "remarks": "Observações",
           "currency": "Moeda", "for_seller": "Pelo vendedor",
           "for_buyer": "Aceito pelo comprador", "sign": "Nome, assinatura, data",
           "page": "Página {page} de {pages}",
           "validity": "Esta cotação é válida até {date}."},
    "ru": {"title": "КОММЕРЧЕСКОЕ ПРЕДЛОЖЕНИЕ", "number": "Предложение №", "date": "Дата",
           "valid": "Действительно до", "seller": "Продавец", "buyer": "Покупатель",
           "pos": "№", "item": "Товар / характеристики", "qty": "Кол-во", "unit": "Ед.",
           "price": "Цена за ед.", "amount": "Сумма", "total": "Итого", "terms": "Условия",
           "incoterm": "Поставка", "payment": "Оплата", "lead": "Срок поставки",
           "moq": "Мин. партия", "remarks": "Примечания", "currency": "Валюта",
           "for_seller": "От продавца", "for_buyer": "Принято покупателем",
           "sign": "ФИО, подпись, дата", "page": "Страница {page} из {pages}",
           "validity": "Предложение действительно до {date}."},
    "zh": {"title": "报价单", "number": "报价单号", "date": "日期", "valid": "有效期至",
           "seller": "卖方", "buyer": "买方", "pos": "序号", "item": "产品 / 规格",
           "qty": "数量", "unit": "单位", "price": "单价", "amount": "金额", "total": "合计",
           "terms": "条款", "incoterm": "交货条件", "payment": "付款方式", "lead": "交货期",
           "moq": "最小起订量", "remarks": "备注", "currency": "币种", "for_seller": "卖方签字",
           "for_buyer": "买方确认", "sign": "姓名、签字、日期", "page": "第 {page} 页，共 {pages} 页",
           "validity": "本报价有效期至 {date}。"},
    "ja": {"title": "御見積書", "number": "見積番号", "date": "日付", "valid": "有効期限",
           "seller": "売主", "buyer": "買主", "pos": "No.", "item": "品名 / 仕様",
           "qty": "数量", "unit": "単位", "price": "単価", "amount": "金額", "total": "合計",
           "terms": "条件", "incoterm": "引渡条件", "payment": "支払条件", "lead": "納期",
           "moq": "最小発注数量", "remarks": "備考", "currency": "通貨", "for_seller": "売主",
           "for_buyer": "買主承諾", "sign": "氏名・署名・日付", "page": "{page} / {pages} ページ",
           "validity": "本見積書の有効期限は{date}です。"},
    "ar": {"title": "عرض سعر", "number": "رقم العرض", "date": "التاريخ",
           "valid": "صالح حتى", "seller": "البائع", "buyer": "المشتري", "pos": "#",
           "item": "المنتج / المواصفات", "qty": "الكمية", "unit": "الوحدة",
           "price": "سعر الوحدة", "amount": "المبلغ", "total": "الإجمالي", "terms": "الشروط",
           "incoterm": "التسليم", "payment": "الدفع", "lead": "مدة التسليم",
           "moq": "الحد الأدنى للطلب", "remarks": "ملاحظات", "currency": "العملة",
           "for_seller": "عن البائع", "for_buyer": "موافقة المشتري",
           "sign": "الاسم والتوقيع والتاريخ",
           "page": "{page} / {pages}",  # digits only: the page count is filled in after shaping
           "validity": "هذا العرض صالح حتى {date}."},
}


class QuotePdfError(RuntimeError):
    """The PDF cannot be made (fonts missing, bad logo); `str()` says why."""


class PdfTextError(QuotePdfError):
    """The quote holds text the shipped fonts cannot show (bad input for a PDF)."""


@dataclass(frozen=True)
class Party:
    name: str
    lines: tuple[str, ...] = ()  # address, phone, e-mail…


@dataclass(frozen=True)
class QuotationDocument:
    number: str
    quote_date: date
    currency: str
    lang: str
    seller: Party
    buyer: Party
    items: tuple[QuoteLine, ...]
    valid_until: date | None = None
    incoterm: str = ""
    place: str = ""
    payment_terms: str = ""
    lead_time: str = ""
    moq: str = ""
    remarks: str = ""
    logo: bytes | None = None  # PNG or JPEG
    paper: str = "A4"
    labels: dict[str, str] = field(default_factory=dict)  # overrides of LABELS

    @property
    def total(self) -> Decimal:
        return money.total_of((i.line_total for i in self.items), self.currency)


def labels_for(lang: str) -> dict[str, str]:
    """The labels for a language tag (zh_CN → zh), English for any label it lacks."""
    base = dict(LABELS["en"])
    base.update(LABELS.get((lang or "en").replace("-", "_").split("_")[0].lower(), {}))
    return base


def _clean(text: str) -> str:
    """No control characters (they have no glyph); bidi marks are handled by the layout."""
    return "".join(ch for ch in text.translate(_BIDI_MARKS)
                   if ch in "\n\t" or (ord(ch) >= 32 and not 0x7F <= ord(ch) < 0xA0))


def _ltr_lines(text: str) -> str:
    """A cell of several lines with right-to-left text: each line without any starts with a
    left-to-right mark (U+200E). fpdf2 gives the whole cell one base direction (from its first
    strong character), so an Arabic product name made the Latin specification below it read
    "W, 4000 K 40"; the mark makes that line's digits belong to its Latin run ("40 W, 4000 K").
    Only used where the text has RTL letters, so HarfBuzz shapes it (the mark has no glyph)."""
    lines = text.split("\n")
    if len(lines) < 2 or not _RTL.search(text):
        return text
    return "\n".join(line if _RTL.search(line) or not line else "\u200e" + line
                     for line in lines)


def render_pdf(doc: QuotationDocument) -> bytes:
    """The quotation as PDF bytes (see the module docstring)."""
    load_fpdf()
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    if doc.paper not in PAPERS:
        raise QuotePdfError(_("Paper {paper}: use A4 or Letter.", paper=repr(doc.paper)))
    if not doc.items:
        raise QuotePdfError(_("A quotation needs at least one item."))
    words = labels_for(doc.lang)
    words.update(doc.labels)
    lang = doc.lang

    class _Pdf(FPDF):
        def multi_cell(self, w: float, h: float | None = None, text: str = "",
                       *args: Any, **kwargs: Any) -> Any:
            """Shape with HarfBuzz only the cells whose text needs it: fpdf2 shapes every
            character again while breaking lines, so on an Arabic page the numbers and
            Latin cells of the items table cost as much as the Arabic ones."""
            if self.text_shaping is None or _SHAPED.search(str(text or "")):
                return super().multi_cell(w, h, text, *args, **kwargs)
            kept, self.text_shaping = self.text_shaping, None
            try:
                return super().multi_cell(w, h, text, *args, **kwargs)
            finally:
                self.text_shaping = kept

        def footer(self) -> None:
            self.set_y(-12)
            _select_body(self, "", 8)
            self.set_text_color(120, 120, 120)
            # "{nb}" (the page count) is replaced after shaping: keep it in a cell of its own
            before, _sep, after = words["page"].format(page=self.page_no(), pages="\0").partition(
                "\0")
            parts = [_clean(f"{doc.number}  ·  {before}"), "{nb}", _clean(after)]
            widths = [self.get_string_width(parts[0]), self.get_string_width("999"),
                      self.get_string_width(parts[2])]
            self.set_x(self.l_margin + (self.epw - sum(widths)) / 2)
            for part, w, align in zip(parts, widths, ("R", "C", "L"), strict=True):
                self.cell(w, 5, part, align=align)

    pdf = _Pdf(format=doc.paper, unit="mm")
    pdf.set_title(_clean(f"{words['title']} {doc.number}"))
    pdf.set_author(_clean(doc.seller.name))
    pdf.set_creator("Tradewind")
    pdf.set_margins(16, 16, 16)
    pdf.set_auto_page_break(True, margin=20)
    try:
        choices = pdf_fonts.fonts_for(_clean(value) for _where, value in _texts(doc, words))
        for choice in choices:
            pdf_fonts.attach(pdf, choice)
    except pdf_fonts.FontFileError as exc:
        raise QuotePdfError(str(exc)) from exc
    _refuse_uncovered(doc, words, [pdf_fonts.cmap_of(c.file) for c in choices])
    if "cjk" in pdf.fonts:
        pdf.set_fallback_fonts(["cjk"], exact_match=False)  # no bold CJK: regular glyphs
    # HarfBuzz shaping only where a script needs it (Arabic joining, Indic, combining marks):
    # fpdf2 shapes each character again while it breaks lines, which was most of the time of
    # a Latin, Cyrillic or Chinese quote, where shaping changes nothing
    shaping = any(_SHAPED.search(value) for _where, value in _texts(doc, words))
    pdf.set_text_shaping(shaping)
    pdf.alias_nb_pages()
    pdf.add_page()
    width = pdf.epw
    ink, muted, line_grey, band = (33, 37, 41), (108, 117, 125), (206, 212, 218), (236, 240, 244)

    x0 = pdf.l_margin
    mirror = is_rtl_language(lang)  # Arabic, Hebrew, Persian, Urdu: the page reads from the right

    def at(x: float, w: float) -> float:
        """Where a box of width `w` placed at `x` on a left-to-right page goes on this page."""
        return x0 + width - (x - x0) - w if mirror else x

    def al(align: str) -> str:
        return {"L": "R", "R": "L"}.get(align, align) if mirror else align

    def text(value: str) -> str:
        return _clean(value)

    def font(style: str, size: float) -> None:
        """Select the body font even when it already is: after a cell drawn wholly in the
        fallback font, fpdf2 would keep the fallback's glyph ids (seen: garbled Latin after a
        Chinese line)."""
        _select_body(pdf, style, size)

    def rtl(value: str) -> bool:
        return bool(_RTL.search(value))

    def cell_line(w: float, h: float, value: str, *, align: str = "L", style: str = "",
                  size: float = 9.5, colour: tuple[int, int, int] = ink) -> None:
        value = text(value)
        font(style, size)
        pdf.set_text_color(*colour)
        if rtl(value):
            pdf.set_text_shaping(True, direction="rtl")
            pdf.multi_cell(w, h, value, align="R" if align == "L" else align,
                           new_x="LMARGIN", new_y="NEXT")
            pdf.set_text_shaping(shaping)
        else:
            pdf.multi_cell(w, h, value, align=align, new_x="LMARGIN", new_y="NEXT")

    def party_block(x: float, w: float, name: str, lines: Sequence[str], *, name_h: float,
                    name_size: float, colour: tuple[int, int, int] = ink) -> float:
        """A party's name in bold and its address lines below, in the column of width `w` at
        `x` (wrapped lines stay in it); returns where the block ends."""
        pdf.set_left_margin(x)
        pdf.set_x(x)
        cell_line(w, name_h, name, style="B", size=name_size, align=al("L"))
        for line in lines:
            pdf.set_x(x)
            cell_line(w, 4.4, line, size=8.5, colour=colour, align=al("L"))
        pdf.set_left_margin(x0)
        return pdf.get_y()

    # --- heading: logo + seller on the left, title + number on the right -------------------
    top = pdf.get_y()
    left_w = width * 0.58
    right_w = width - left_w
    if doc.logo:
        logo_w = _logo_width(doc.logo, 16)
        try:
            pdf.image(io.BytesIO(doc.logo), x=at(x0, min(logo_w, left_w)), y=top, h=16)
        except Exception as exc:
            raise QuotePdfError(_("The company logo cannot be used as an image ({reason}).",
                                  reason=exc)) from exc
        pdf.set_y(top + 18)
    left_end = party_block(at(x0, left_w), left_w, doc.seller.name, doc.seller.lines,
                           name_h=6, name_size=12, colour=muted)

    pdf.set_xy(at(x0 + left_w, right_w), top)
    title = text(words["title"])
    font("B", 20 if len(title) < 16 else 14)
    pdf.set_text_color(31, 78, 121)
    if rtl(title):
        pdf.set_text_shaping(True, direction="rtl")
    pdf.multi_cell(right_w, 9, title, align=al("R"), new_x="LEFT", new_y="NEXT")
    pdf.set_text_shaping(shaping)
    pdf.ln(1)
    facts = [(words["number"], doc.number), (words["date"], money.format_day(doc.quote_date, lang))]
    if doc.valid_until:
        facts.append((words["valid"], money.format_day(doc.valid_until, lang)))
    facts.append((words["currency"], doc.currency))
    for label, value in facts:
        pdf.set_x(at(x0 + left_w, right_w))
        pair = [("", 8.5, muted, right_w * 0.48, label), ("B", 9, ink, right_w * 0.52, value)]
        for style, size, colour, w, shown in (pair[::-1] if mirror else pair):
            font(style, size)
            pdf.set_text_color(*colour)
            pdf.cell(w, 5, text(shown), align=al("R"))  # RTL: the value left of its label
        pdf.ln(5)
    pdf.set_y(max(left_end, pdf.get_y()) + 4)
    pdf.set_draw_color(31, 78, 121)
    pdf.set_line_width(0.6)
    pdf.line(x0, pdf.get_y(), x0 + width, pdf.get_y())
    pdf.ln(5)

    # --- parties --------------------------------------------------------------------------
    block_top = pdf.get_y()
    half = (width - 8) / 2
    ends = []
    for index, (label, party) in enumerate(((words["buyer"], doc.buyer),
                                            (words["seller"], doc.seller))):
        x = at(x0 + index * (half + 8), half)
        pdf.set_xy(x, block_top)
        font("B", 7.5)
        pdf.set_text_color(*muted)
        pdf.cell(half, 4.5, text(label.upper()), align=al("L"), new_x="LEFT", new_y="NEXT")
        ends.append(party_block(x, half, party.name, party.lines, name_h=5, name_size=10))
    pdf.set_y(max(ends) + 6)

    # --- items ----------------------------------------------------------------------------
    heading = FontFace(emphasis="BOLD", color=(255, 255, 255), fill_color=(31, 78, 121),
                       size_pt=7.5)
    font("", 8.5)
    pdf.set_text_color(*ink)
    pdf.set_draw_color(*line_grey)
    pdf.set_line_width(0.2)
    columns: tuple[str, ...] = (words["pos"], words["item"], words["qty"], words["unit"],
                                words["price"], words["amount"])
    widths: tuple[int, ...] = (10, 64, 17, 15, 24, 26)
    aligns: tuple[str, ...] = ("C", "L", "R", "C", "R", "R")
    order = slice(None, None, -1 if mirror else 1)  # an RTL table starts with # on the right
    with pdf.table(col_widths=widths[order], headings_style=heading, line_height=4.6,
                   padding=1.4, text_align=tuple(al(a) for a in aligns[order]),
                   cell_fill_color=band, cell_fill_mode="ROWS", borders_layout="HORIZONTAL_LINES",
                   first_row_as_headings=True, repeat_headings=1) as table:
        head = table.row()
        for title_text in columns[order]:
            head.cell(text(title_text))
        for position, item in enumerate(doc.items, start=1):
            described = item.product if not item.specification else (
                f"{item.product}\n{item.specification}")
            price = (money.format_money(item.unit_price, doc.currency, lang)
                     if money.round_money(item.unit_price, doc.currency) == item.unit_price
                     else _precise(item.unit_price, doc.currency, lang))
            cells = (str(position), _ltr_lines(text(described)),
                     money.format_quantity(item.quantity, lang),
                     text(item.unit), text(price),
                     text(money.format_money(item.line_total, doc.currency, lang)))
            row = table.row()
            for value in cells[order]:
                row.cell(value)
    pdf.ln(1)
    pdf.set_fill_color(*band)
    total_text = text(money.format_money(doc.total, doc.currency, lang))

    def total_cell(value: str, w: float) -> None:
        font("B", 11)
        pdf.cell(w, 8, value, align=al("R"), fill=True)

    pdf.set_x(at(x0 + width * 0.45, width * 0.55))
    total_row = [(text(words["total"]), width * 0.30), (total_text, width * 0.25)]
    for value, w in (total_row[::-1] if mirror else total_row):
        total_cell(value, w)
    pdf.ln(8)
    pdf.ln(6)

    # --- terms ----------------------------------------------------------------------------
    terms: list[tuple[str, str]] = []
    if doc.incoterm:
        terms.append((words["incoterm"], f"{doc.incoterm} {doc.place}".strip()
                      + " (Incoterms® 2020)"))
    if doc.payment_terms:
        terms.append((words["payment"], doc.payment_terms))
    if doc.lead_time:
        terms.append((words["lead"], doc.lead_time))
    if doc.moq:
        terms.append((words["moq"], doc.moq))
    if doc.valid_until:
        terms.append((words["valid"], words["validity"].format(
            date=money.format_day(doc.valid_until, lang))))
    if doc.remarks:
        terms.append((words["remarks"], doc.remarks))
    if terms:
        font("B", 10)
        pdf.set_text_color(31, 78, 121)
        pdf.cell(width, 6, text(words["terms"]), align=al("L"), new_x="LMARGIN", new_y="NEXT")
        for label, value in terms:
            y = pdf.get_y()
            font("B", 8.5)
            pdf.set_text_color(*muted)
            pdf.set_x(at(x0, 38))
            pdf.multi_cell(38, 4.8, text(label), align=al("L"), new_x="RIGHT", new_y="TOP")
            pdf.set_xy(at(x0 + 40, width - 40), y)
            pdf.set_left_margin(at(x0 + 40, width - 40))
            cell_line(width - 40, 4.8, value, size=8.5, align=al("L"))
            pdf.set_left_margin(x0)
            pdf.set_y(max(pdf.get_y(), y + 4.8) + 0.8)
    pdf.ln(6)

    # --- signatures -----------------------------------------------------------------------
    if pdf.get_y() > pdf.h - 55:
        pdf.add_page()
    sig_top = pdf.get_y() + 4
    for index, label in enumerate((words["for_seller"], words["for_buyer"])):
        x = at(x0 + index * (half + 8), half)
        pdf.set_xy(x, sig_top)
        font("B", 8.5)
        pdf.set_text_color(*ink)
        pdf.cell(half, 5, text(label), align=al("L"))
        pdf.set_draw_color(*muted)
        pdf.set_line_width(0.3)
        pdf.line(x, sig_top + 22, x + half, sig_top + 22)
        pdf.set_xy(x, sig_top + 23)
        font("", 7.5)
        pdf.set_text_color(*muted)
        pdf.cell(half, 4, text(words["sign"]), align=al("L"))
    try:
        return bytes(pdf.output())
    except Exception as exc:
        raise QuotePdfError(_("The PDF could not be written: {reason}", reason=exc)) from exc


def _select_body(pdf: Any, style: str, size: float) -> None:
    # a real change, so the next call is never a no-op
    pdf.set_font("body", "B" if style != "B" else "", size)
    pdf.set_font("body", style, size)


def is_rtl_language(lang: str) -> bool:
    """Whether a page in this language reads from the right (ar, he, fa, ur…)."""
    return (lang or "").replace("-", "_").split("_")[0].lower() in ("ar", "he", "fa", "ur")


def _logo_width(data: bytes, height: float) -> float:
    """The logo's width in mm at `height` mm; raises `QuotePdfError` for a non-image."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            w, h = image.size
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise QuotePdfError(_("The company logo cannot be used as an image ({reason}).",
                              reason=exc)) from exc
    return height * w / h if h else height


def _texts(doc: QuotationDocument, words: dict[str, str]) -> list[tuple[str, str]]:
    """(where, text) of everything the page shows, for the glyph check."""
    out = [("seller", doc.seller.name), *(("seller", x) for x in doc.seller.lines),
           ("buyer", doc.buyer.name), *(("buyer", x) for x in doc.buyer.lines),
           ("number", doc.number), ("Incoterm place", doc.place),
           ("payment terms", doc.payment_terms), ("lead time", doc.lead_time),
           ("MOQ", doc.moq), ("remarks", doc.remarks), ("labels", " ".join(words.values())),
           ("date", money.format_day(doc.quote_date, doc.lang)),
           ("total", money.format_money(doc.total, doc.currency, doc.lang))]
    if doc.valid_until:
        out.append(("date", money.format_day(doc.valid_until, doc.lang)))
    for n, item in enumerate(doc.items, start=1):
        out += [(f"item {n}", item.product), (f"item {n}", item.specification),
                (f"item {n}", item.unit)]
    return out


def _refuse_uncovered(doc: QuotationDocument, words: dict[str, str],
                      cmaps: Sequence[set[int]]) -> None:
    """A character no shipped font has would silently vanish from the page: refuse in words
    (e.g. Korean, Thai or Devanagari text, emoji). The mail itself can still be sent."""
    missing: dict[str, str] = {}
    for where, value in _texts(doc, words):
        for ch in _clean(value):
            if ch.isspace() or ord(ch) in (0x200B, 0x200C, 0x200D, 0xFE0F) or ch in missing:
                continue
            if not any(ord(ch) in cmap for cmap in cmaps):
                missing[ch] = where
    if missing:
        shown = ", ".join(f"{ch!r} (U+{ord(ch):04X}, {where})"
                          for ch, where in list(missing.items())[:8])
        if len(missing) > 8:
            shown = _("{shown} and {count} more", shown=shown, count=len(missing) - 8)
        raise PdfTextError(_(
            "The PDF fonts cannot show {shown}; that text would be missing from the "
            "quotation. Write it another way, or send the quote without --pdf.", shown=shown))


def _precise(price: Decimal, currency: str, lang: str) -> str:
    """A unit price with more decimals than the currency (0.0125 USD), in the locale."""
    from babel.numbers import format_currency

    return str(format_currency(price, money.currency_code(currency),
                               locale=money.locale_for(lang), decimal_quantization=False))


def pdf_filename(number: str, words: Sequence[str] = ()) -> str:
    """A safe file name for the quotation: `Quotation-Q-2026-0001.pdf`."""
    safe = re.sub(r"[^\w.-]+", "-", number).strip("-") or "quote"
    return f"{'-'.join(words) or 'Quotation'}-{safe}.pdf"
