+++
name = "quotation"
lang = "de"
category = "quotation"
title = "Angebot"
subject = "Angebot{% if quote.number %} {{ quote.number }}{% endif %}{% if inquiry.subject %} – {{ inquiry.subject }}{% endif %}"
+++
<div lang="de">
<p>{% if buyer.gender == 'f' and buyer.last_name %}Sehr geehrte Frau {{ buyer.last_name }},{% elif buyer.gender == 'm' and buyer.last_name %}Sehr geehrter Herr {{ buyer.last_name }},{% elif buyer.name %}Guten Tag {{ buyer.name }},{% else %}Sehr geehrte Damen und Herren,{% endif %}</p>
<p>vielen Dank für Ihre Anfrage{% if inquiry.subject %} „{{ inquiry.subject }}“{% endif %}. Gerne unterbreiten wir Ihnen unser Angebot{% if quote.number %} Nr. {{ quote.number }}{% endif %}:</p>
{% if quote.items %}
<table cellpadding="4" style="border-collapse:collapse;border:1px solid #ccc">
<tr><th align="left">Artikel</th><th align="left">Spezifikation</th><th align="right">Menge</th><th align="right">Einzelpreis</th><th align="right">Betrag</th></tr>
{% for item in quote.items %}
<tr><td>{{ item.product }}</td><td>{{ item.specification }}</td><td align="right">{{ item.quantity|number }} {{ item.unit }}</td><td align="right">{{ item.unit_price|money(quote.currency) }}</td><td align="right">{{ item.line_total|money(quote.currency) }}</td></tr>
{% endfor %}
<tr><td colspan="4" align="right"><b>Gesamtbetrag</b></td><td align="right"><b>{{ quote.total|money(quote.currency) }}</b></td></tr>
</table>
{% else %}
<p>Die Einzelpreise entnehmen Sie bitte dem beigefügten Angebot.</p>
{% endif %}
<ul>
{% if quote.incoterm %}
<li>Lieferbedingungen: {{ quote.incoterm }}{% if quote.place %} {{ quote.place }}{% endif %} (Incoterms® 2020)</li>
{% endif %}
{% if quote.payment_terms %}
<li>Zahlungsbedingungen: {{ quote.payment_terms }}</li>
{% endif %}
{% if quote.lead_time %}
<li>Lieferzeit: {{ quote.lead_time }}</li>
{% endif %}
{% if quote.moq %}
<li>Mindestbestellmenge: {{ quote.moq }}</li>
{% endif %}
</ul>
{% if quote.valid_until %}
<p>Dieses Angebot ist gültig bis zum {{ quote.valid_until|date }}.</p>
{% endif %}
{% if quote.remarks %}
<p>{{ quote.remarks }}</p>
{% endif %}
<p>Für Rückfragen stehe ich Ihnen gerne zur Verfügung. Wir freuen uns auf Ihren Auftrag.</p>
<p>Mit freundlichen Grüßen</p>
</div>
+++ text
{% if buyer.gender == 'f' and buyer.last_name %}Sehr geehrte Frau {{ buyer.last_name }},{% elif buyer.gender == 'm' and buyer.last_name %}Sehr geehrter Herr {{ buyer.last_name }},{% elif buyer.name %}Guten Tag {{ buyer.name }},{% else %}Sehr geehrte Damen und Herren,{% endif +%}

vielen Dank für Ihre Anfrage{% if inquiry.subject %} „{{ inquiry.subject }}“{% endif %}. Gerne unterbreiten wir Ihnen unser Angebot{% if quote.number %} Nr. {{ quote.number }}{% endif %}:

{% if quote.items %}
{% for item in quote.items %}
{{ loop.index }}. {{ item.product }}{% if item.specification %} – {{ item.specification }}{% endif +%}
   Menge: {{ item.quantity|number }} {{ item.unit }} × {{ item.unit_price|money(quote.currency) }} = {{ item.line_total|money(quote.currency) }}
{% endfor %}
Gesamtbetrag: {{ quote.total|money(quote.currency) }}
{% else %}
Die Einzelpreise entnehmen Sie bitte dem beigefügten Angebot.
{% endif %}

{% if quote.incoterm %}
- Lieferbedingungen: {{ quote.incoterm }}{% if quote.place %} {{ quote.place }}{% endif %} (Incoterms® 2020)
{% endif %}
{% if quote.payment_terms %}
- Zahlungsbedingungen: {{ quote.payment_terms }}
{% endif %}
{% if quote.lead_time %}
- Lieferzeit: {{ quote.lead_time }}
{% endif %}
{% if quote.moq %}
- Mindestbestellmenge: {{ quote.moq }}
{% endif %}

{% if quote.valid_until %}
Dieses Angebot ist gültig bis zum {{ quote.valid_until|date }}.
{% endif %}
{% if quote.remarks %}
{{ quote.remarks }}
{% endif %}

Für Rückfragen stehe ich Ihnen gerne zur Verfügung. Wir freuen uns auf Ihren Auftrag.

Mit freundlichen Grüßen
