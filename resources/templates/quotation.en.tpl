+++
name = "quotation"
lang = "en"
category = "quotation"
title = "Quotation"
subject = "Quotation{% if quote.number %} {{ quote.number }}{% endif %}{% if inquiry.subject %} – {{ inquiry.subject }}{% endif %}"
+++
<div lang="en">
<p>{% if buyer.title and buyer.last_name %}Dear {{ buyer.title }} {{ buyer.last_name }},{% elif buyer.name %}Dear {{ buyer.name }},{% else %}Dear Sir or Madam,{% endif %}</p>
<p>Thank you for your enquiry{% if inquiry.subject %} regarding “{{ inquiry.subject }}”{% endif %}. We are pleased to submit our quotation{% if quote.number %} no. {{ quote.number }}{% endif %} as follows:</p>
{% if quote.items %}
<table cellpadding="4" style="border-collapse:collapse;border:1px solid #ccc">
<tr><th align="left">Product</th><th align="left">Specification</th><th align="right">Quantity</th><th align="right">Unit price</th><th align="right">Amount</th></tr>
{% for item in quote.items %}
<tr><td>{{ item.product }}</td><td>{{ item.specification }}</td><td align="right">{{ item.quantity|number }} {{ item.unit }}</td><td align="right">{{ item.unit_price|money(quote.currency) }}</td><td align="right">{{ item.line_total|money(quote.currency) }}</td></tr>
{% endfor %}
<tr><td colspan="4" align="right"><b>Total</b></td><td align="right"><b>{{ quote.total|money(quote.currency) }}</b></td></tr>
</table>
{% else %}
<p>Our detailed prices are set out in the attached quotation.</p>
{% endif %}
<ul>
{% if quote.incoterm %}
<li>Delivery terms: {{ quote.incoterm }}{% if quote.place %} {{ quote.place }}{% endif %} (Incoterms® 2020)</li>
{% endif %}
{% if quote.payment_terms %}
<li>Payment terms: {{ quote.payment_terms }}</li>
{% endif %}
{% if quote.lead_time %}
<li>Lead time: {{ quote.lead_time }}</li>
{% endif %}
{% if quote.moq %}
<li>Minimum order quantity: {{ quote.moq }}</li>
{% endif %}
</ul>
{% if quote.valid_until %}
<p>This quotation is valid until {{ quote.valid_until|date }}.</p>
{% endif %}
{% if quote.remarks %}
<p>{{ quote.remarks }}</p>
{% endif %}
<p>Should you have any questions, please do not hesitate to contact me. We look forward to receiving your order.</p>
<p>Kind regards,</p>
</div>
+++ text
{% if buyer.title and buyer.last_name %}Dear {{ buyer.title }} {{ buyer.last_name }},{% elif buyer.name %}Dear {{ buyer.name }},{% else %}Dear Sir or Madam,{% endif +%}

Thank you for your enquiry{% if inquiry.subject %} regarding “{{ inquiry.subject }}”{% endif %}. We are pleased to submit our quotation{% if quote.number %} no. {{ quote.number }}{% endif %} as follows:

{% if quote.items %}
{% for item in quote.items %}
{{ loop.index }}. {{ item.product }}{% if item.specification %} – {{ item.specification }}{% endif +%}
   Quantity: {{ item.quantity|number }} {{ item.unit }} × {{ item.unit_price|money(quote.currency) }} = {{ item.line_total|money(quote.currency) }}
{% endfor %}
Total: {{ quote.total|money(quote.currency) }}
{% else %}
Our detailed prices are set out in the attached quotation.
{% endif %}

{% if quote.incoterm %}
- Delivery terms: {{ quote.incoterm }}{% if quote.place %} {{ quote.place }}{% endif %} (Incoterms® 2020)
{% endif %}
{% if quote.payment_terms %}
- Payment terms: {{ quote.payment_terms }}
{% endif %}
{% if quote.lead_time %}
- Lead time: {{ quote.lead_time }}
{% endif %}
{% if quote.moq %}
- Minimum order quantity: {{ quote.moq }}
{% endif %}

{% if quote.valid_until %}
This quotation is valid until {{ quote.valid_until|date }}.
{% endif %}
{% if quote.remarks %}
{{ quote.remarks }}
{% endif %}

Should you have any questions, please do not hesitate to contact me. We look forward to receiving your order.

Kind regards,
