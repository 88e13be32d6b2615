"""Vocabulary and text composition for the benchmark mailbox generator (``mailgen``).

Pure data and pure functions of a ``random.Random``: the same generator state gives the same
text. Callable from any thread; nothing here touches the file system.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

# Stages a trade conversation runs through, in order. A thread covers a contiguous run of them.
STAGES = ("inquiry", "quotation", "negotiation", "samples", "order", "payment", "shipping", "aftersales")


@dataclass(frozen=True)
class Person:
    """A correspondent: who they are, how their mail client writes, which language they use."""

    name: str
    email: str
    company: str
    lang: str  # en, de, fr, es, pl, cs, zh, ja
    charsets: tuple[str, ...]
    tz: str  # "+0100"
    mailer: str
    city: str


OWNER = Person("Lily Chen (陈莉莉)", "lily.chen@haixin-trade.example", "Ningbo Haixin Import & Export Co., Ltd.",
               "en", ("utf-8",), "+0800", "Tradewind/0.1", "Ningbo")

CUSTOMERS: tuple[Person, ...] = (
    Person("Jürgen Müller", "j.mueller@mueller-handel.example", "Müller Handelsgesellschaft mbH", "de",
           ("iso-8859-1", "iso-8859-15", "windows-1252", "utf-8"), "+0100", "Microsoft Outlook 16.0", "Düsseldorf"),
    Person("Anja Weiß", "a.weiss@lichtwerk-bremen.example", "Lichtwerk Bremen GmbH", "de",
           ("iso-8859-15", "utf-8"), "+0100", "Mozilla Thunderbird", "Bremen"),
    Person("Klaus Bäcker", "einkauf@baecker-bau.example", "Bäcker Baubedarf KG", "de",
           ("windows-1252",), "+0100", "Microsoft Outlook 15.0", "Köln"),
    Person("François Lefèvre", "f.lefevre@eclairage-lyon.example", "Éclairage Lyonnais SARL", "fr",
           ("iso-8859-1", "iso-8859-15", "utf-8"), "+0100", "Microsoft Outlook 16.0", "Lyon"),
    Person("Hélène Dubois", "achats@maison-deco.example", "Maison & Déco SAS", "fr",
           ("windows-1252", "utf-8"), "+0100", "Apple Mail (2.3774)", "Nantes"),
    Person("José García", "jgarcia@iluminacion-iberica.example", "Iluminación Ibérica S.L.", "es",
           ("iso-8859-1", "windows-1252", "utf-8"), "+0100", "Microsoft Outlook 16.0", "Valencia"),
    Person("Małgorzata Wójcik", "m.wojcik@elektro-lodz.example", "Elektro-Łódź Sp. z o.o.", "pl",
           ("iso-8859-2", "utf-8"), "+0100", "Mozilla Thunderbird", "Łódź"),
    Person("Tomáš Dvořák", "dvorak@svitidla-brno.example", "Svítidla Brno s.r.o.", "cs",
           ("iso-8859-2", "windows-1250", "utf-8"), "+0100", "Microsoft Outlook 16.0", "Brno"),
    Person("Michael Johnson", "mjohnson@brightpath-supply.example", "BrightPath Supply Inc.", "en",
           ("us-ascii", "utf-8"), "-0500", "Microsoft Outlook 16.0", "Chicago"),
    Person("Sarah O'Neill", "sarah@greenhome-imports.example", "GreenHome Imports Ltd", "en",
           ("windows-1252", "utf-8"), "+0000", "Apple Mail (2.3774)", "Manchester"),
    Person("Ahmed Al-Farsi", "purchase@gulf-build.example", "Gulf Build Trading LLC", "en",
           ("us-ascii", "utf-8"), "+0400", "Microsoft Outlook 16.0", "Dubai"),
    Person("Priya Raman", "priya@sunrise-solar.example", "Sunrise Solar Pvt Ltd", "en",
           ("utf-8",), "+0530", "Gmail", "Chennai"),
    Person("Carlos Mendes", "compras@casa-luz.example", "Casa Luz Comércio Ltda", "en",
           ("iso-8859-1", "utf-8"), "-0300", "Microsoft Outlook 16.0", "São Paulo"),
    Person("田中 浩", "h.tanaka@sakura-shoji.example", "さくら商事株式会社", "ja",
           ("iso-2022-jp", "shift_jis", "utf-8"), "+0900", "Microsoft Outlook 16.0", "大阪"),
    Person("佐藤 美咲", "misaki.sato@hikari-denki.example", "光電機株式会社", "ja",
           ("iso-2022-jp", "utf-8"), "+0900", "Becky! ver. 2.81", "名古屋"),
)

SUPPLIERS: tuple[Person, ...] = (
    Person("张伟", "zhangwei@cixi-lighting.example", "慈溪明辉照明有限公司", "zh",
           ("gb2312", "gb18030", "utf-8"), "+0800", "Foxmail 7.2", "慈溪"),
    Person("李娜", "lina@yongkang-steel.example", "永康市金诚不锈钢制品厂", "zh",
           ("gb2312", "gbk", "utf-8"), "+0800", "Foxmail 7.2", "永康"),
    Person("王芳", "wangfang@foshan-ceramics.example", "佛山市华美陶瓷有限公司", "zh",
           ("gb18030", "utf-8"), "+0800", "NetEase Mail Master", "佛山"),
    Person("刘强 (船务)", "liuqiang@ocean-link-logistics.example", "宁波海联国际物流有限公司", "zh",
           ("gb2312", "utf-8"), "+0800", "Foxmail 7.2", "宁波"),
    Person("赵敏", "zhaomin@haixin-trade.example", "宁波海鑫进出口有限公司", "zh",
           ("utf-8", "gb18030"), "+0800", "Foxmail 7.2", "宁波"),
)

NEWSLETTER_SENDERS: tuple[Person, ...] = (
    Person("Alibaba.com", "notice@trade-platform.example", "Trade Platform", "en",
           ("utf-8",), "+0800", "TP Mailer", "Hangzhou"),
    Person("Ocean Link Booking", "booking@ocean-link-logistics.example", "宁波海联国际物流有限公司", "en",
           ("utf-8",), "+0800", "Booking System 3.1", "Ningbo"),
    Person("中国银行 国际结算", "lc-advice@bank-of-trade.example", "Bank of Trade Ningbo Branch", "zh",
           ("gb18030", "utf-8"), "+0800", "BOT Notifier", "宁波"),
)


@dataclass(frozen=True)
class Product:
    """A product line: English and Chinese names, a model number, a unit price range."""

    en: str
    zh: str
    de: str
    ja: str
    model: str
    price: tuple[float, float]


PRODUCTS: tuple[Product, ...] = (
    Product("LED panel light 600x600 40W", "LED平板灯 600x600 40W", "LED-Panel 600x600 40W",
            "LEDパネルライト 600x600 40W", "HX-PL6060-40", (6.8, 9.5)),
    Product("solar street light 60W", "太阳能路灯 60W", "Solar-Straßenleuchte 60W",
            "ソーラー街路灯 60W", "HX-SSL-60", (38.0, 55.0)),
    Product("stainless steel kitchen sink SS304", "304不锈钢水槽", "Edelstahl-Küchenspüle SS304",
            "ステンレスキッチンシンク SS304", "JC-8045", (21.0, 34.0)),
    Product("porcelain floor tile 600x1200", "瓷砖 600x1200 通体大理石", "Feinsteinzeug-Bodenfliese 600x1200",
            "磁器質床タイル 600x1200", "HM-P6120", (7.2, 11.0)),
    Product("LED high bay light 150W", "LED工矿灯 150W", "LED-Hallenleuchte 150W",
            "LED高天井灯 150W", "HX-UFO-150", (24.0, 36.0)),
    Product("PV mounting bracket kit", "光伏支架套件", "PV-Montagegestell-Set",
            "太陽光パネル架台キット", "HX-PVB-04", (12.5, 19.0)),
    Product("aluminium garden chair", "铝合金户外椅", "Aluminium-Gartenstuhl",
            "アルミガーデンチェア", "GF-AC210", (15.0, 22.0)),
    Product("LED filament bulb E27 6W", "LED灯丝灯泡 E27 6W", "LED-Filamentlampe E27 6W",
            "LEDフィラメント電球 E27 6W", "HX-FL-E27-6", (0.62, 0.95)),
)

PORTS_LOADING = ("Ningbo", "Shanghai", "Shenzhen (Yantian)", "Xiamen")
PORTS_DEST = ("Hamburg", "Rotterdam", "Antwerp", "Valencia", "Gdańsk", "Le Havre", "Felixstowe",
              "Jebel Ali", "Chennai", "Santos", "Chicago via LA", "Osaka", "Nagoya")
INCOTERMS = ("FOB", "CIF", "CFR", "EXW", "DAP")
CONTAINERS = ("20GP", "40GP", "40HQ", "LCL")
PAYMENTS = ("T/T 30% deposit, 70% against copy of B/L", "L/C at sight", "T/T 50% deposit, balance before shipment",
            "irrevocable L/C 60 days", "D/P at sight")

_EN_STAGE: dict[str, tuple[str, ...]] = {
    "inquiry": (
        "We are interested in your {product} (model {model}) and would like to receive your best quotation.",
        "Please quote {incoterm} {port} for {qty} pcs, including packing details and lead time.",
        "Could you also let us know the MOQ and whether you can supply samples before the order?",
        "Our customer needs CE and RoHS certificates; please confirm you can provide them.",
        "We found your company at the Canton Fair and are looking for a long-term supplier.",
    ),
    "quotation": (
        "Thank you for your inquiry. Please find attached our quotation {qt} for {product}.",
        "Unit price: USD {price} per piece, {incoterm} {port}, valid for 30 days.",
        "MOQ is {moq} pcs; lead time is {lead} days after deposit received.",
        "Payment terms: {payment}. Packing: 10 pcs per carton, about {cartons} cartons per {container} container.",
        "The price includes our standard 2-year warranty and a free spare-parts kit of 1%.",
    ),
    "negotiation": (
        "Your price is about 8% higher than our target. Is there any room for discount if we order {qty} pcs?",
        "We can accept USD {price} {incoterm} if you can shorten the lead time to {lead} days.",
        "Considering the raw material costs we can offer a 3% discount for a full {container} container.",
        "Please check whether CIF {dest} is possible, our forwarder is fully booked this month.",
    ),
    "samples": (
        "The samples were sent today by DHL, tracking number {tracking}. Please check them and give us your comments.",
        "We received the samples. Quality looks good, but the colour temperature should be 4000K instead of 6500K.",
        "Sample fee is USD 80 and will be refunded when you place the order.",
        "Please find attached photos of the samples before packing.",
    ),
    "order": (
        "Please find attached our purchase order {po} for {qty} pcs of {product}.",
        "Attached is the proforma invoice {pi}; please check the details and arrange the deposit.",
        "Kindly confirm the shipping marks and the carton labels before mass production.",
        "Production has started, and we will send you inspection photos next week.",
    ),
    "payment": (
        "We have arranged the 30% deposit by T/T today, please find the bank slip attached.",
        "Our bank has issued the L/C, number {lc}. Please check the documents required carefully.",
        "The L/C requires the B/L to be issued to order and a certificate of origin Form A.",
        "Balance payment will be made against copy of B/L as agreed.",
    ),
    "shipping": (
        "The goods are ready. We booked one {container} container, ETD {port} on {etd}, ETA {dest} around {eta}.",
        "Please find attached the draft B/L, commercial invoice and packing list for your confirmation.",
        "Container number {cntr}, seal {seal}. The vessel departed on time.",
        "Our forwarder will send the telex release once the balance is received.",
    ),
    "aftersales": (
        "Our customer reported that 12 pcs of the last shipment were damaged in transit.",
        "Please find attached photos of the damaged cartons; we would like a replacement in the next container.",
        "Sorry for the trouble. We will send 15 pcs replacement free of charge with the next order.",
        "The customer is satisfied with the quality, and we plan a repeat order next quarter.",
    ),
}

_ZH_STAGE: dict[str, tuple[str, ...]] = {
    "inquiry": (
        "您好，我们有个欧洲客户需要{product_zh}，数量{qty}只，请报价。",
        "请报{incoterm}宁波价格，含包装和交货期，另外请确认最小起订量。",
        "客户要求CE和RoHS证书，请一并提供，谢谢。",
    ),
    "quotation": (
        "附件是{product_zh}的报价单{qt}，单价{price}美元，{incoterm}价格，报价有效期30天。",
        "起订量{moq}只，交货期为收到定金后{lead}天。",
        "包装是每箱10只，一个{container}集装箱大约可以装{cartons}箱。",
    ),
    "negotiation": (
        "这个价格客户觉得偏高，能否再优惠一点？如果下{qty}只的订单。",
        "原材料涨价，最多只能优惠3%，请理解。",
        "交货期能否提前到{lead}天？客户比较急。",
    ),
    "samples": (
        "样品今天已经通过顺丰寄出，单号{tracking}，请查收。",
        "样品收到了，质量不错，但是色温需要改成4000K。",
        "附件是样品照片，请确认包装和标签。",
    ),
    "order": (
        "客户已经下单，附件是订单{po}，请安排生产。",
        "请确认唛头和外箱标签，确认后开始大货生产。",
        "大货已经开始生产，下周安排验货。",
    ),
    "payment": (
        "定金已经安排，附件是水单，请查收。",
        "信用证已经开出，号码{lc}，请仔细核对单据要求。",
        "尾款见提单副本后付清。",
    ),
    "shipping": (
        "货已经备好，订了一个{container}集装箱，{etd}从宁波港出运，预计{eta}到{dest}。",
        "附件是提单草稿、商业发票和装箱单，请确认。",
        "柜号{cntr}，封号{seal}，船已经准时开航。",
        "请安排报关资料，明天截关。",
    ),
    "aftersales": (
        "客户反映上一批货有12只在运输中损坏，附件是照片。",
        "我们下次出货时免费补发15只，请跟客户说明。",
        "客户对质量很满意，下个季度会返单。",
    ),
}

_JA_STAGE: dict[str, tuple[str, ...]] = {
    "inquiry": (
        "貴社の{product_ja}（型番 {model}）について、{qty}個のお見積りをお願いいたします。",
        "{incoterm}条件での価格、納期、梱包仕様をお知らせください。",
        "PSE認証の取得状況も併せてご教示ください。",
    ),
    "quotation": (
        "お問い合わせありがとうございます。見積書{qt}を添付いたします。",
        "単価は{price}米ドル、{incoterm}条件、有効期限は30日間です。",
        "最小発注数量は{moq}個、納期は前払金受領後{lead}日です。",
    ),
    "negotiation": (
        "価格について、もう少しご検討いただけないでしょうか。",
        "{container}コンテナ1本の場合、3%の値引きが可能です。",
    ),
    "samples": (
        "サンプルを本日DHLにて発送いたしました。追跡番号は{tracking}です。",
        "サンプルを受領しました。品質は良好ですが、色温度を4000Kに変更してください。",
    ),
    "order": (
        "注文書{po}を添付いたしますので、ご確認ください。",
        "プロフォーマインボイス{pi}をお送りします。",
    ),
    "payment": (
        "本日、前払金30%を送金いたしました。",
        "信用状（L/C）番号{lc}を開設しました。",
    ),
    "shipping": (
        "{etd}に{port}港より{container}コンテナにて出荷予定です。",
        "B/Lのドラフトとインボイスを添付いたします。",
    ),
    "aftersales": (
        "前回の出荷分で12個の破損がありました。写真を添付します。",
        "次回の出荷時に無償で交換品をお送りします。",
    ),
}

_NATIVE_LINES: dict[str, tuple[str, ...]] = {
    "de": ("Vielen Dank für Ihre schnelle Rückmeldung.", "Bitte senden Sie uns Ihr Angebot für {product_de}.",
           "Die Lieferung sollte spätestens in KW {week} in Hamburg ankommen.",
           "Könnten Sie uns bitte Muster schicken? Die Qualität ist für unseren Kunden sehr wichtig.",
           "Wir benötigen außerdem die Zertifikate (CE, RoHS) und das Datenblatt."),
    "fr": ("Merci pour votre réponse rapide.", "Pourriez-vous nous envoyer votre meilleur prix pour {qty} pièces ?",
           "Le délai de livraison est très important pour notre client à Lyon.",
           "Nous avons bien reçu les échantillons, la qualité est très bonne."),
    "es": ("Muchas gracias por su rápida respuesta.", "¿Podrían enviarnos la cotización para {qty} piezas?",
           "Necesitamos la mercancía en el puerto de Valencia antes de finales de mes.",
           "Hemos recibido las muestras y la calidad es buena."),
    "pl": ("Dziękujemy za szybką odpowiedź.", "Proszę o przesłanie oferty na {qty} sztuk.",
           "Towar powinien dotrzeć do Gdańska najpóźniej w tygodniu {week}.",
           "Próbki dotarły, jakość jest zadowalająca."),
    "cs": ("Děkujeme za rychlou odpověď.", "Prosím o zaslání cenové nabídky na {qty} kusů.",
           "Zboží potřebujeme do Hamburku nejpozději v týdnu {week}.",
           "Vzorky jsme obdrželi, kvalita je v pořádku."),
}

GREETINGS = {
    "en": ("Dear {first},", "Hi {first},", "Hello {first},", "Dear Sirs,"),
    "de": ("Sehr geehrte Frau Chen,", "Hallo Lily,", "Liebe Frau Chen,"),
    "fr": ("Bonjour Lily,", "Chère Madame Chen,"),
    "es": ("Estimada Lily:", "Hola Lily,"),
    "pl": ("Dzień dobry Pani Lily,", "Szanowna Pani,"),
    "cs": ("Dobrý den, paní Chen,", "Vážená paní Chen,"),
    "zh": ("{first}您好，", "{first}：", "您好！"),
    "ja": ("{company}\n{first}様\n\nいつもお世話になっております。",),
}
CLOSINGS = {
    "en": ("Best regards,", "Kind regards,", "Thanks and best regards,", "Looking forward to your reply."),
    "de": ("Mit freundlichen Grüßen", "Viele Grüße", "Beste Grüße aus {city}"),
    "fr": ("Cordialement,", "Bien à vous,"),
    "es": ("Saludos cordiales,", "Un saludo,"),
    "pl": ("Z poważaniem,", "Pozdrawiam serdecznie,"),
    "cs": ("S pozdravem,", "S přátelským pozdravem,"),
    "zh": ("谢谢！", "祝好！", "此致\n敬礼！"),
    "ja": ("よろしくお願いいたします。", "引き続きよろしくお願い申し上げます。"),
}
QUOTE_HEADERS = {
    "en": "On {date}, {name} <{email}> wrote:",
    "de": "Am {date} schrieb {name} <{email}>:",
    "fr": "Le {date}, {name} <{email}> a écrit :",
    "es": "El {date}, {name} <{email}> escribió:",
    "pl": "W dniu {date} {name} <{email}> napisał(a):",
    "cs": "Dne {date} {name} <{email}> napsal(a):",
    "zh": "------------------ 原始邮件 ------------------\n发件人: \"{name}\" <{email}>\n发送时间: {date}",
    "ja": "{date} {name} <{email}>:",
}
REPLY_PREFIX = {"en": ("Re: ", "RE: "), "de": ("AW: ", "Re: "), "fr": ("RE: ", "Re: "), "es": ("RE: ",),
                "pl": ("Re: ", "Odp: "), "cs": ("Re: ", "RE: "), "zh": ("回复：", "Re:", "答复: "), "ja": ("Re: ",)}

SUBJECTS = {
    "en": ("Inquiry: {product}", "RFQ - {product} / {qty} pcs", "Quotation request {product} {incoterm} {dest}",
           "{product} - new project {dest}", "Order {po} - {product}", "Samples of {model}"),
    "de": ("Anfrage: {product_de}", "Preisanfrage {product_de} – {qty} Stück", "Bestellung {po} – {product_de}"),
    "zh": ("询价：{product_zh}", "{product_zh} 报价", "关于{product_zh}订单{po}", "{product_zh}出货安排 {container}",
           "集装箱订舱 {etd}"),
    "ja": ("お見積り依頼：{product_ja}", "{product_ja}のご注文について", "【至急】{product_ja} サンプルの件"),
}

NEWSLETTER_SUBJECTS = {
    "en": ("New buyer inquiry for {product} from {dest}", "Weekly sailing schedule {port} - {dest}",
           "Booking confirmation {container} ETD {etd}", "Your trade assurance order {po} has been updated"),
    "zh": ("信用证通知 {lc}", "国际结算业务提醒：来证通知", "进口来证审核结果 {lc}"),
}


def first_name(person: Person) -> str:
    """The name a correspondent is greeted by."""
    if person.lang in ("zh",):
        return person.name[:2] if len(person.name) <= 3 else person.name
    if person.lang == "ja":
        return person.name.split()[0]
    return person.name.split()[0]


def fill(template: str, ctx: dict[str, str]) -> str:
    """Fill ``{key}`` placeholders from ``ctx`` (missing keys raise ``KeyError``)."""
    return template.format(**ctx)


def stage_lines(rng: random.Random, lang: str, stage: str, ctx: dict[str, str]) -> list[str]:
    """Two to four content sentences for ``stage`` in ``lang`` (English mixed in as trade mail is)."""
    if lang == "zh":
        pool = _ZH_STAGE[stage]
    elif lang == "ja":
        pool = _JA_STAGE[stage]
    else:
        pool = _EN_STAGE[stage]
    count = min(len(pool), rng.randint(2, 4))
    lines = [fill(pool[i], ctx) for i in sorted(rng.sample(range(len(pool)), count))]
    native = _NATIVE_LINES.get(lang)
    if native and rng.random() < 0.6:
        lines.insert(0, fill(rng.choice(native), ctx))
        if rng.random() < 0.4:
            lines.append(fill(rng.choice(native), ctx))
    return lines


def signature(person: Person) -> list[str]:
    """A business signature block for ``person``."""
    phone = {"+0800": "+86 574 8766 {n}", "+0900": "+81 6 6345 {n}", "+0100": "+49 211 5566 {n}"}.get(
        person.tz, "+1 312 555 {n}")
    n = str(1000 + sum(map(ord, person.email)) % 9000)
    return ["--", person.name, person.company, person.city, "Tel: " + phone.format(n=n),
            "Email: " + person.email]
