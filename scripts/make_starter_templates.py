"""Wrote the starter set resources/templates/*.tpl: python scripts/make_starter_templates.py resources/templates

The files are the source of truth now; edit them, not this script (kept to show how the eight
languages share one structure)."""
import pathlib, sys
OUT = pathlib.Path(sys.argv[1])
OUT.mkdir(parents=True, exist_ok=True)
NUM = "{% if quote.number %} {{ quote.number }}{% endif %}"
SUBJ = "{% if inquiry.subject %} – {{ inquiry.subject }}{% endif %}"
L = {
 "en": dict(
   greet="{% if buyer.title and buyer.last_name %}Dear {{ buyer.title }} {{ buyer.last_name }},{% elif buyer.name %}Dear {{ buyer.name }},{% else %}Dear Sir or Madam,{% endif %}",
   close="Kind regards,",
   q_title="Quotation", q_subject="Quotation" + NUM + SUBJ,
   q_intro="Thank you for your enquiry{% if inquiry.subject %} regarding “{{ inquiry.subject }}”{% endif %}. We are pleased to submit our quotation{% if quote.number %} no. {{ quote.number }}{% endif %} as follows:",
   q_noitems="Our detailed prices are set out in the attached quotation.",
   h=("Product", "Specification", "Quantity", "Unit price", "Amount", "Total"),
   t=("Delivery terms", "Payment terms", "Lead time", "Minimum order quantity"),
   valid="This quotation is valid until {{ quote.valid_until|date }}.",
   q_end="Should you have any questions, please do not hesitate to contact me. We look forward to receiving your order.",
   f_title="Follow-up", f_subject="Following up on our quotation" + NUM + SUBJ,
   f_body=["I am writing to follow up on the quotation{% if quote.number %} {{ quote.number }}{% endif %} we sent you{% if inquiry.date %} in reply to your enquiry of {{ inquiry.date|date }}{% endif %}. Have you had a chance to review it?",
           "If you have any questions about the specifications, quantities or terms, or would like us to adjust the offer, I would be glad to help.",
           "{% if quote.valid_until %}Please note that our offer is valid until {{ quote.valid_until|date }}.{% endif %}",
           "I look forward to hearing from you."],
   s_title="Sample offer", s_subject="Sample offer" + SUBJ,
   s_intro="Thank you for your interest in our products. So that you can assess our quality for yourself, we would be happy to send you samples{% if quote.items %} of the following items{% endif %}.",
   s_body=["Please confirm the delivery address{% if buyer.company %} for {{ buyer.company }}{% endif %} and, if available, your courier account number (DHL, FedEx or UPS) so that we can dispatch the samples promptly.",
           "{% if quote.lead_time %}The samples can be dispatched within {{ quote.lead_time }}.{% endif %}",
           "We look forward to your feedback."]),
 "de": dict(
   greet="{% if buyer.gender == 'f' and buyer.last_name %}Sehr geehrte Frau {{ buyer.last_name }},{% elif buyer.gender == 'm' and buyer.last_name %}Sehr geehrter Herr {{ buyer.last_name }},{% elif buyer.name %}Guten Tag {{ buyer.name }},{% else %}Sehr geehrte Damen und Herren,{% endif %}",
   close="Mit freundlichen Grüßen",
   q_title="Angebot", q_subject="Angebot" + NUM + SUBJ,
   q_intro="vielen Dank für Ihre Anfrage{% if inquiry.subject %} „{{ inquiry.subject }}“{% endif %}. Gerne unterbreiten wir Ihnen unser Angebot{% if quote.number %} Nr. {{ quote.number }}{% endif %}:",
   q_noitems="Die Einzelpreise entnehmen Sie bitte dem beigefügten Angebot.",
   h=("Artikel", "Spezifikation", "Menge", "Einzelpreis", "Betrag", "Gesamtbetrag"),
   t=("Lieferbedingungen", "Zahlungsbedingungen", "Lieferzeit", "Mindestbestellmenge"),
   valid="Dieses Angebot ist gültig bis zum {{ quote.valid_until|date }}.",
   q_end="Für Rückfragen stehe ich Ihnen gerne zur Verfügung. Wir freuen uns auf Ihren Auftrag.",
   f_title="Nachfassen", f_subject="Unser Angebot" + NUM + SUBJ,
   f_body=["ich möchte mich erkundigen, ob Sie Gelegenheit hatten, unser Angebot{% if quote.number %} Nr. {{ quote.number }}{% endif %}{% if inquiry.date %} zu Ihrer Anfrage vom {{ inquiry.date|date }}{% endif %} zu prüfen.",
           "Sollten Sie Fragen zu Spezifikationen, Mengen oder Konditionen haben oder eine Anpassung des Angebots wünschen, helfe ich Ihnen gerne weiter.",
           "{% if quote.valid_until %}Bitte beachten Sie, dass unser Angebot bis zum {{ quote.valid_until|date }} gültig ist.{% endif %}",
           "Ich freue mich auf Ihre Rückmeldung."],
   s_title="Musterangebot", s_subject="Muster" + SUBJ,
   s_intro="vielen Dank für Ihr Interesse an unseren Produkten. Damit Sie sich selbst von unserer Qualität überzeugen können, senden wir Ihnen gerne Muster{% if quote.items %} der folgenden Artikel{% endif %} zu.",
   s_body=["Bitte bestätigen Sie uns die Lieferanschrift{% if buyer.company %} der {{ buyer.company }}{% endif %} und, falls vorhanden, Ihre Kundennummer bei einem Kurierdienst (DHL, FedEx oder UPS), damit wir die Muster umgehend versenden können.",
           "{% if quote.lead_time %}Die Muster können innerhalb von {{ quote.lead_time }} versandt werden.{% endif %}",
           "Wir freuen uns auf Ihre Rückmeldung."]),
 "es": dict(
   greet="{% if buyer.gender == 'f' and buyer.last_name %}Estimada Sra. {{ buyer.last_name }}:{% elif buyer.gender == 'm' and buyer.last_name %}Estimado Sr. {{ buyer.last_name }}:{% elif buyer.name %}Estimado/a {{ buyer.name }}:{% else %}Estimados señores:{% endif %}",
   close="Atentamente,",
   q_title="Cotización", q_subject="Cotización" + NUM + SUBJ,
   q_intro="Le agradecemos su consulta{% if inquiry.subject %} sobre «{{ inquiry.subject }}»{% endif %}. Nos complace enviarle nuestra oferta{% if quote.number %} n.º {{ quote.number }}{% endif %}:",
   q_noitems="Encontrará los precios detallados en la oferta adjunta.",
   h=("Producto", "Especificación", "Cantidad", "Precio unitario", "Importe", "Total"),
   t=("Condiciones de entrega", "Condiciones de pago", "Plazo de entrega", "Cantidad mínima de pedido"),
   valid="Esta oferta es válida hasta el {{ quote.valid_until|date }}.",
   q_end="Quedo a su disposición para cualquier consulta. Esperamos poder atender su pedido.",
   f_title="Seguimiento", f_subject="Seguimiento de nuestra oferta" + NUM + SUBJ,
   f_body=["Me pongo en contacto con usted en relación con la oferta{% if quote.number %} n.º {{ quote.number }}{% endif %} que le enviamos{% if inquiry.date %} en respuesta a su consulta del {{ inquiry.date|date }}{% endif %}. ¿Ha tenido ocasión de revisarla?",
           "Si tiene alguna pregunta sobre las especificaciones, las cantidades o las condiciones, o desea que ajustemos la oferta, estaré encantado de ayudarle.",
           "{% if quote.valid_until %}Le recordamos que nuestra oferta es válida hasta el {{ quote.valid_until|date }}.{% endif %}",
           "Quedo a la espera de sus noticias."],
   s_title="Oferta de muestras", s_subject="Oferta de muestras" + SUBJ,
   s_intro="Le agradecemos su interés en nuestros productos. Para que pueda comprobar personalmente nuestra calidad, con mucho gusto le enviaremos muestras{% if quote.items %} de los siguientes artículos{% endif %}.",
   s_body=["Le rogamos que nos confirme la dirección de entrega{% if buyer.company %} de {{ buyer.company }}{% endif %} y, si dispone de ella, su cuenta de mensajería (DHL, FedEx o UPS) para que podamos enviar las muestras cuanto antes.",
           "{% if quote.lead_time %}Las muestras pueden enviarse en un plazo de {{ quote.lead_time }}.{% endif %}",
           "Quedamos a la espera de sus comentarios."]),
 "pt": dict(
   greet="{% if buyer.gender == 'f' and buyer.last_name %}Prezada Sra. {{ buyer.last_name }},{% elif buyer.gender == 'm' and buyer.last_name %}Prezado Sr. {{ buyer.last_name }},{% elif buyer.name %}Prezado(a) {{ buyer.name }},{% else %}Prezados senhores,{% endif %}",
   close="Atenciosamente,",
   q_title="Cotação", q_subject="Cotação" + NUM + SUBJ,
   q_intro="Agradecemos a sua consulta{% if inquiry.subject %} sobre “{{ inquiry.subject }}”{% endif %}. Temos o prazer de lhe enviar a nossa cotação{% if quote.number %} n.º {{ quote.number }}{% endif %}:",
   q_noitems="Os preços detalhados constam da cotação em anexo.",
   h=("Produto", "Especificação", "Quantidade", "Preço unitário", "Valor", "Total"),
   t=("Condições de entrega", "Condições de pagamento", "Prazo de entrega", "Quantidade mínima de pedido"),
   valid="Esta cotação é válida até {{ quote.valid_until|date }}.",
   q_end="Fico à disposição para qualquer esclarecimento. Aguardamos o seu pedido.",
   f_title="Acompanhamento", f_subject="Acompanhamento da nossa cotação" + NUM + SUBJ,
   f_body=["Escrevo para dar seguimento à cotação{% if quote.number %} n.º {{ quote.number }}{% endif %} que lhe enviamos{% if inquiry.date %} em resposta à sua consulta de {{ inquiry.date|date }}{% endif %}. Já teve oportunidade de analisá-la?",
           "Caso tenha alguma dúvida sobre as especificações, as quantidades ou as condições, ou se desejar que ajustemos a proposta, terei todo o gosto em ajudar.",
           "{% if quote.valid_until %}Lembramos que a nossa proposta é válida até {{ quote.valid_until|date }}.{% endif %}",
           "Aguardo o seu retorno."],
   s_title="Oferta de amostras", s_subject="Oferta de amostras" + SUBJ,
   s_intro="Agradecemos o seu interesse nos nossos produtos. Para que possa avaliar pessoalmente a nossa qualidade, teremos o prazer de lhe enviar amostras{% if quote.items %} dos seguintes artigos{% endif %}.",
   s_body=["Pedimos a gentileza de confirmar o endereço de entrega{% if buyer.company %} da {{ buyer.company }}{% endif %} e, se possível, o número da sua conta de courier (DHL, FedEx ou UPS), para que possamos despachar as amostras o quanto antes.",
           "{% if quote.lead_time %}As amostras podem ser enviadas no prazo de {{ quote.lead_time }}.{% endif %}",
           "Aguardamos o seu parecer."]),
 "fr": dict(
   greet="{% if buyer.gender == 'f' %}Madame,{% elif buyer.gender == 'm' %}Monsieur,{% elif buyer.name %}Bonjour {{ buyer.name }},{% else %}Madame, Monsieur,{% endif %}",
   close="Cordialement,",
   q_title="Devis", q_subject="Offre de prix" + NUM + SUBJ,
   q_intro="Nous vous remercions de votre demande{% if inquiry.subject %} concernant « {{ inquiry.subject }} »{% endif %}. Nous avons le plaisir de vous adresser notre offre{% if quote.number %} n° {{ quote.number }}{% endif %} :",
   q_noitems="Vous trouverez le détail de nos prix dans l’offre ci-jointe.",
   h=("Produit", "Spécification", "Quantité", "Prix unitaire", "Montant", "Total"),
   t=("Conditions de livraison", "Conditions de paiement", "Délai de livraison", "Quantité minimale de commande"),
   valid="Cette offre est valable jusqu’au {{ quote.valid_until|date }}.",
   q_end="Je reste à votre disposition pour toute question. Dans l’attente de votre commande, nous vous prions d’agréer nos salutations distinguées.",
   f_title="Relance", f_subject="Suite à notre offre" + NUM + SUBJ,
   f_body=["Je me permets de revenir vers vous au sujet de notre offre{% if quote.number %} n° {{ quote.number }}{% endif %}{% if inquiry.date %}, établie suite à votre demande du {{ inquiry.date|date }}{% endif %}. Avez-vous eu l’occasion de l’examiner ?",
           "Si vous avez des questions sur les spécifications, les quantités ou les conditions, ou si vous souhaitez que nous adaptions notre proposition, je serai ravi de vous aider.",
           "{% if quote.valid_until %}Nous vous rappelons que notre offre est valable jusqu’au {{ quote.valid_until|date }}.{% endif %}",
           "Dans l’attente de votre retour."],
   s_title="Offre d’échantillons", s_subject="Offre d’échantillons" + SUBJ,
   s_intro="Nous vous remercions de l’intérêt que vous portez à nos produits. Afin que vous puissiez juger par vous-même de notre qualité, nous vous enverrons volontiers des échantillons{% if quote.items %} des articles suivants{% endif %}.",
   s_body=["Merci de nous confirmer l’adresse de livraison{% if buyer.company %} de {{ buyer.company }}{% endif %} et, le cas échéant, votre numéro de compte transporteur (DHL, FedEx ou UPS), afin que nous puissions expédier les échantillons dans les meilleurs délais.",
           "{% if quote.lead_time %}Les échantillons peuvent être expédiés sous {{ quote.lead_time }}.{% endif %}",
           "Dans l’attente de vos commentaires."]),
 "ru": dict(
   greet="{% if buyer.gender == 'f' and buyer.last_name %}Уважаемая госпожа {{ buyer.last_name }}!{% elif buyer.gender == 'm' and buyer.last_name %}Уважаемый господин {{ buyer.last_name }}!{% elif buyer.name %}Здравствуйте, {{ buyer.name }}!{% else %}Добрый день!{% endif %}",
   close="С уважением,",
   q_title="Коммерческое предложение", q_subject="Коммерческое предложение" + NUM + SUBJ,
   q_intro="Благодарим Вас за запрос{% if inquiry.subject %} «{{ inquiry.subject }}»{% endif %}. Рады направить Вам наше коммерческое предложение{% if quote.number %} № {{ quote.number }}{% endif %}:",
   q_noitems="Подробные цены указаны в приложенном коммерческом предложении.",
   h=("Товар", "Характеристики", "Количество", "Цена за единицу", "Сумма", "Итого"),
   t=("Условия поставки", "Условия оплаты", "Срок поставки", "Минимальная партия"),
   valid="Предложение действительно до {{ quote.valid_until|date }}.",
   q_end="Если у Вас возникнут вопросы, я буду рад на них ответить. Надеемся на плодотворное сотрудничество.",
   f_title="Напоминание", f_subject="По поводу нашего предложения" + NUM + SUBJ,
   f_body=["Хотел бы уточнить, удалось ли Вам ознакомиться с нашим коммерческим предложением{% if quote.number %} № {{ quote.number }}{% endif %}{% if inquiry.date %} по Вашему запросу от {{ inquiry.date|date }}{% endif %}.",
           "Если у Вас есть вопросы по характеристикам, количеству или условиям либо Вы хотели бы скорректировать предложение, я с удовольствием помогу.",
           "{% if quote.valid_until %}Обращаем Ваше внимание, что предложение действительно до {{ quote.valid_until|date }}.{% endif %}",
           "Буду рад Вашему ответу."],
   s_title="Предложение образцов", s_subject="Образцы продукции" + SUBJ,
   s_intro="Благодарим Вас за интерес к нашей продукции. Чтобы Вы могли лично убедиться в её качестве, мы с удовольствием отправим Вам образцы{% if quote.items %} следующих товаров{% endif %}.",
   s_body=["Пожалуйста, подтвердите адрес доставки{% if buyer.company %} для компании {{ buyer.company }}{% endif %} и, если есть, номер Вашего счёта в курьерской службе (DHL, FedEx или UPS), чтобы мы могли оперативно отправить образцы.",
           "{% if quote.lead_time %}Образцы могут быть отправлены в течение {{ quote.lead_time }}.{% endif %}",
           "Будем рады Вашему отзыву."]),
 "ar": dict(
   greet="{% if buyer.gender == 'f' and buyer.last_name %}السيدة {{ buyer.last_name }} المحترمة،{% elif buyer.gender == 'm' and buyer.last_name %}السيد {{ buyer.last_name }} المحترم،{% elif buyer.name %}السيد/السيدة {{ buyer.name }} المحترم/ة،{% else %}السادة المحترمون،{% endif %}",
   close="مع أطيب التحيات،",
   q_title="عرض سعر", q_subject="عرض سعر" + NUM + SUBJ,
   q_intro="نشكركم على استفساركم{% if inquiry.subject %} بخصوص «{{ inquiry.subject }}»{% endif %}، ويسعدنا أن نقدم لكم عرض السعر{% if quote.number %} رقم {{ quote.number }}{% endif %} على النحو التالي:",
   q_noitems="تجدون الأسعار التفصيلية في عرض السعر المرفق.",
   h=("المنتج", "المواصفات", "الكمية", "سعر الوحدة", "المبلغ", "الإجمالي"),
   t=("شروط التسليم", "شروط الدفع", "مدة التوريد", "الحد الأدنى للطلب"),
   valid="هذا العرض ساري المفعول حتى {{ quote.valid_until|date }}.",
   q_end="يسعدني الرد على أي استفسار لديكم، ونتطلع إلى استلام طلبكم.",
   f_title="متابعة", f_subject="متابعة عرض السعر" + NUM + SUBJ,
   f_body=["أود متابعة عرض السعر{% if quote.number %} رقم {{ quote.number }}{% endif %} الذي أرسلناه إليكم{% if inquiry.date %} ردًا على استفساركم بتاريخ {{ inquiry.date|date }}{% endif %}، وأرجو أن تكونوا قد اطلعتم عليه.",
           "إذا كانت لديكم أي أسئلة حول المواصفات أو الكميات أو الشروط، أو رغبتم في تعديل العرض، فيسعدني مساعدتكم.",
           "{% if quote.valid_until %}نود التنويه إلى أن عرضنا ساري المفعول حتى {{ quote.valid_until|date }}.{% endif %}",
           "في انتظار ردكم الكريم."],
   s_title="عرض عينات", s_subject="عرض عينات" + SUBJ,
   s_intro="نشكركم على اهتمامكم بمنتجاتنا. وحتى تتمكنوا من تقييم جودتها بأنفسكم، يسعدنا أن نرسل إليكم عينات{% if quote.items %} من المنتجات التالية{% endif %}.",
   s_body=["نرجو تأكيد عنوان التسليم{% if buyer.company %} لشركة {{ buyer.company }}{% endif %}، ورقم حسابكم لدى شركة الشحن السريع (DHL أو FedEx أو UPS) إن وُجد، حتى نتمكن من إرسال العينات في أقرب وقت.",
           "{% if quote.lead_time %}يمكن إرسال العينات خلال {{ quote.lead_time }}.{% endif %}",
           "نتطلع إلى معرفة رأيكم."]),
 "zh": dict(
   greet="{% if buyer.gender == 'f' and buyer.last_name %}尊敬的{{ buyer.last_name }}女士：{% elif buyer.gender == 'm' and buyer.last_name %}尊敬的{{ buyer.last_name }}先生：{% elif buyer.name %}尊敬的{{ buyer.name }}：{% else %}尊敬的客户：{% endif %}",
   close="顺祝商祺！",
   q_title="报价", q_subject="报价单" + NUM + SUBJ,
   q_intro="感谢您{% if inquiry.subject %}就“{{ inquiry.subject }}”{% endif %}的询价。现将我司报价{% if quote.number %}（编号 {{ quote.number }}）{% endif %}奉上，详情如下：",
   q_noitems="详细价格请见附件报价单。",
   h=("产品", "规格", "数量", "单价", "金额", "合计"),
   t=("交货条款", "付款方式", "交货期", "最小起订量"),
   valid="本报价有效期至{{ quote.valid_until|date }}。",
   q_end="如有任何疑问，欢迎随时与我联系。期待您的订单。",
   f_title="跟进", f_subject="跟进报价" + NUM + SUBJ,
   f_body=["特此跟进我司{% if inquiry.date %}针对您{{ inquiry.date|date }}询价{% endif %}所发送的报价{% if quote.number %}（编号 {{ quote.number }}）{% endif %}，不知您是否已审阅？",
           "如您对规格、数量或条款有任何疑问，或希望我们调整报价，我很乐意为您提供帮助。",
           "{% if quote.valid_until %}谨提醒，本报价有效期至{{ quote.valid_until|date }}。{% endif %}",
           "期待您的回复。"],
   s_title="样品", s_subject="样品提供" + SUBJ,
   s_intro="感谢您对我司产品的关注。为便于您亲自评估产品质量，我们很乐意为您寄送{% if quote.items %}以下产品的{% endif %}样品。",
   s_body=["请确认{% if buyer.company %}{{ buyer.company }}的{% endif %}收货地址，如有快递到付账号（DHL、FedEx 或 UPS）也请一并提供，以便我们尽快安排寄样。",
           "{% if quote.lead_time %}样品可在{{ quote.lead_time }}内寄出。{% endif %}",
           "期待您的反馈。"]),
}

def wrap(lang, inner):
    if lang == "ar":
        return f'<div dir="rtl" lang="ar" style="text-align:right">\n{inner}</div>'
    return f'<div lang="{lang}">\n{inner}</div>'

def para(text):
    if text.startswith("{% if") and text.endswith("{% endif %}"):
        cond_end = text.index("%}") + 2
        return f"{text[:cond_end]}\n<p>{text[cond_end:-len('{% endif %}')]}</p>\n{{% endif %}}\n"
    return f"<p>{text}</p>\n"

def items_table(d, lang):
    h = d["h"]
    st, en = ("right", "left") if lang == "ar" else ("left", "right")
    return (
        "{% if quote.items %}\n"
        '<table cellpadding="4" style="border-collapse:collapse;border:1px solid #ccc">\n'
        f'<tr><th align="{st}">{h[0]}</th><th align="{st}">{h[1]}</th><th align="{en}">{h[2]}</th><th align="{en}">{h[3]}</th><th align="{en}">{h[4]}</th></tr>\n'
        "{% for item in quote.items %}\n"
        "<tr><td>{{ item.product }}</td><td>{{ item.specification }}</td>"
        f"<td align=\"{en}\">{{{{ item.quantity|number }}}} {{{{ item.unit }}}}</td>"
        f"<td align=\"{en}\">{{{{ item.unit_price|money(quote.currency) }}}}</td>"
        f"<td align=\"{en}\">{{{{ item.line_total|money(quote.currency) }}}}</td></tr>\n"
        "{% endfor %}\n"
        f'<tr><td colspan="4" align="{en}"><b>{h[5]}</b></td><td align="{en}"><b>{{{{ quote.total|money(quote.currency) }}}}</b></td></tr>\n'
        "</table>\n"
        "{% else %}\n"
        f"<p>{d['q_noitems']}</p>\n"
        "{% endif %}\n")

def items_text(d):
    h = d["h"]
    return (
        "{% if quote.items %}\n"
        "{% for item in quote.items %}\n"
        "{{ loop.index }}. {{ item.product }}{% if item.specification %} – {{ item.specification }}{% endif +%}\n"
        f"   {h[2]}: {{{{ item.quantity|number }}}} {{{{ item.unit }}}} × {{{{ item.unit_price|money(quote.currency) }}}} = {{{{ item.line_total|money(quote.currency) }}}}\n"
        "{% endfor %}\n"
        f"{h[5]}: {{{{ quote.total|money(quote.currency) }}}}\n"
        "{% else %}\n"
        f"{d['q_noitems']}\n"
        "{% endif %}\n")

def terms(d, html):
    t = d["t"]
    rows = [
        ("quote.incoterm", f"{t[0]}: {{{{ quote.incoterm }}}}{{% if quote.place %}} {{{{ quote.place }}}}{{% endif %}} (Incoterms® 2020)"),
        ("quote.payment_terms", f"{t[1]}: {{{{ quote.payment_terms }}}}"),
        ("quote.lead_time", f"{t[2]}: {{{{ quote.lead_time }}}}"),
        ("quote.moq", f"{t[3]}: {{{{ quote.moq }}}}"),
    ]
    out = ""
    for cond, line in rows:
        out += f"{{% if {cond} %}}\n" + (f"<li>{line}</li>\n" if html else f"- {line}\n") + "{% endif %}\n"
    if html:
        out = "<ul>\n" + out + "</ul>\n"
    out += "{% if quote.valid_until %}\n" + (f"<p>{d['valid']}</p>\n" if html else d["valid"] + "\n") + "{% endif %}\n"
    out += "{% if quote.remarks %}\n" + ("<p>{{ quote.remarks }}</p>\n" if html else "{{ quote.remarks }}\n") + "{% endif %}\n"
    return out

def front(name, lang, category, title, subject):
    subject = subject.replace('"', '\\"')
    return f'+++\nname = "{name}"\nlang = "{lang}"\ncategory = "{category}"\ntitle = "{title}"\nsubject = "{subject}"\n+++\n'

def text_para(text):
    if text.startswith("{% if") and text.endswith("{% endif %}"):
        cond_end = text.index("%}") + 2
        return f"{text[:cond_end]}\n{text[cond_end:-len('{% endif %}')]}\n\n{{% endif %}}\n"
    return text + "\n\n"

for lang, d in L.items():
    greet_html = f"<p>{d['greet']}</p>\n"
    # quotation: HTML + hand-written plain text (tables do not survive HTML-to-text)
    html = greet_html + para(d["q_intro"]) + items_table(d, lang) + terms(d, True) + para(d["q_end"]) + f"<p>{d['close']}</p>\n"
    text = d["greet"][:-len("{% endif %}")] + "{% endif +%}\n\n" + text_para(d["q_intro"]) + items_text(d) + "\n" + terms(d, False) + "\n" + text_para(d["q_end"]) + d["close"] + "\n"
    (OUT / f"quotation.{lang}.tpl").write_text(front("quotation", lang, "quotation", d["q_title"], d["q_subject"]) + wrap(lang, html) + "\n+++ text\n" + text, encoding="utf-8")
    # follow-up: plain text derived from the HTML
    html = greet_html + "".join(para(p) for p in d["f_body"]) + f"<p>{d['close']}</p>\n"
    (OUT / f"follow-up.{lang}.tpl").write_text(front("follow-up", lang, "follow-up", d["f_title"], d["f_subject"]) + wrap(lang, html), encoding="utf-8")
    # sample offer: items as a list, no prices; plain text derived
    items = ("{% if quote.items %}\n<ul>\n{% for item in quote.items %}\n<li>{{ item.product }}{% if item.specification %} ({{ item.specification }}){% endif %}</li>\n{% endfor %}\n</ul>\n{% endif %}\n")
    html = greet_html + para(d["s_intro"]) + items + "".join(para(p) for p in d["s_body"]) + f"<p>{d['close']}</p>\n"
    (OUT / f"sample-offer.{lang}.tpl").write_text(front("sample-offer", lang, "sample-offer", d["s_title"], d["s_subject"]) + wrap(lang, html), encoding="utf-8")
print("ok", len(list(OUT.glob("*.tpl"))))
