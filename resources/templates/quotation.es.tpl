+++
name = "quotation"
lang = "es"
category = "quotation"
title = "Cotización"
subject = "Cotización{% if quote.number %} {{ quote.number }}{% endif %}{% if inquiry.subject %} – {{ inquiry.subject }}{% endif %}"
+++
<div lang="es">
<p>{% if buyer.gender == 'f' and buyer.last_name %}Estimada Sra. {{ buyer.last_name }}:{% elif buyer.gender == 'm' and buyer.last_name %}Estimado Sr. {{ buyer.last_name }}:{% elif buyer.name %}Estimado/a {{ buyer.name }}:{% else %}Estimados señores:{% endif %}</p>
<p>Le agradecemos su consulta{% if inquiry.subject %} sobre «{{ inquiry.subject }}»{% endif %}. Nos complace enviarle nuestra oferta{% if quote.number %} n.º {{ quote.number }}{% endif %}:</p>
{% if quote.items %}
<table cellpadding="4" style="border-collapse:collapse;border:1px solid #ccc">
<tr><th align="left">Producto</th><th align="left">Especificación</th><th align="right">Cantidad</th><th align="right">Precio unitario</th><th align="right">Importe</th></tr>
{% for item in quote.items %}
<tr><td>{{ item.product }}</td><td>{{ item.specification }}</td><td align="right">{{ item.quantity|number }} {{ item.unit }}</td><td align="right">{{ item.unit_price|money(quote.currency) }}</td><td align="right">{{ item.line_total|money(quote.currency) }}</td></tr>
{% endfor %}
<tr><td colspan="4" align="right"><b>Total</b></td><td align="right"><b>{{ quote.total|money(quote.currency) }}</b></td></tr>
</table>
{% else %}
<p>Encontrará los precios detallados en la oferta adjunta.</p>
{% endif %}
<ul>
{% if quote.incoterm %}
<li>Condiciones de entrega: {{ quote.incoterm }}{% if quote.place %} {{ quote.place }}{% endif %} (Incoterms® 2020)</li>
{% endif %}
{% if quote.payment_terms %}
<li>Condiciones de pago: {{ quote.payment_terms }}</li>
{% endif %}
{% if quote.lead_time %}
<li>Plazo de entrega: {{ quote.lead_time }}</li>
{% endif %}
{% if quote.moq %}
<li>Cantidad mínima de pedido: {{ quote.moq }}</li>
{% endif %}
</ul>
{% if quote.valid_until %}
<p>Esta oferta es válida hasta el {{ quote.valid_until|date }}.</p>
{% endif %}
{% if quote.remarks %}
<p>{{ quote.remarks }}</p>
{% endif %}
<p>Quedo a su disposición para cualquier consulta. Esperamos poder atender su pedido.</p>
<p>Atentamente,</p>
</div>
+++ text
{% if buyer.gender == 'f' and buyer.last_name %}Estimada Sra. {{ buyer.last_name }}:{% elif buyer.gender == 'm' and buyer.last_name %}Estimado Sr. {{ buyer.last_name }}:{% elif buyer.name %}Estimado/a {{ buyer.name }}:{% else %}Estimados señores:{% endif +%}

Le agradecemos su consulta{% if inquiry.subject %} sobre «{{ inquiry.subject }}»{% endif %}. Nos complace enviarle nuestra oferta{% if quote.number %} n.º {{ quote.number }}{% endif %}:

{% if quote.items %}
{% for item in quote.items %}
{{ loop.index }}. {{ item.product }}{% if item.specification %} – {{ item.specification }}{% endif +%}
   Cantidad: {{ item.quantity|number }} {{ item.unit }} × {{ item.unit_price|money(quote.currency) }} = {{ item.line_total|money(quote.currency) }}
{% endfor %}
Total: {{ quote.total|money(quote.currency) }}
{% else %}
Encontrará los precios detallados en la oferta adjunta.
{% endif %}

{% if quote.incoterm %}
- Condiciones de entrega: {{ quote.incoterm }}{% if quote.place %} {{ quote.place }}{% endif %} (Incoterms® 2020)
{% endif %}
{% if quote.payment_terms %}
- Condiciones de pago: {{ quote.payment_terms }}
{% endif %}
{% if quote.lead_time %}
- Plazo de entrega: {{ quote.lead_time }}
{% endif %}
{% if quote.moq %}
- Cantidad mínima de pedido: {{ quote.moq }}
{% endif %}

{% if quote.valid_until %}
Esta oferta es válida hasta el {{ quote.valid_until|date }}.
{% endif %}
{% if quote.remarks %}
{{ quote.remarks }}
{% endif %}

Quedo a su disposición para cualquier consulta. Esperamos poder atender su pedido.

Atentamente,
