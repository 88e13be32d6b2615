+++
name = "quotation"
lang = "pt"
category = "quotation"
title = "Cotação"
subject = "Cotação{% if quote.number %} {{ quote.number }}{% endif %}{% if inquiry.subject %} – {{ inquiry.subject }}{% endif %}"
+++
<div lang="pt">
<p>{% if buyer.gender == 'f' and buyer.last_name %}Prezada Sra. {{ buyer.last_name }},{% elif buyer.gender == 'm' and buyer.last_name %}Prezado Sr. {{ buyer.last_name }},{% elif buyer.name %}Prezado(a) {{ buyer.name }},{% else %}Prezados senhores,{% endif %}</p>
<p>Agradecemos sua consulta{% if inquiry.subject %} sobre “{{ inquiry.subject }}”{% endif %}. Temos o prazer de enviar nossa cotação{% if quote.number %} n.º {{ quote.number }}{% endif %}:</p>
{% if quote.items %}
<table cellpadding="4" style="border-collapse:collapse;border:1px solid #ccc">
<tr><th align="left">Produto</th><th align="left">Especificação</th><th align="right">Quantidade</th><th align="right">Preço unitário</th><th align="right">Valor</th></tr>
{% for item in quote.items %}
<tr><td>{{ item.product }}</td><td>{{ item.specification }}</td><td align="right">{{ item.quantity|number }} {{ item.unit }}</td><td align="right">{{ item.unit_price|money(quote.currency) }}</td><td align="right">{{ item.line_total|money(quote.currency) }}</td></tr>
{% endfor %}
<tr><td colspan="4" align="right"><b>Total</b></td><td align="right"><b>{{ quote.total|money(quote.currency) }}</b></td></tr>
</table>
{% else %}
<p>Os preços detalhados constam da cotação em anexo.</p>
{% endif %}
<ul>
{% if quote.incoterm %}
<li>Condições de entrega: {{ quote.incoterm }}{% if quote.place %} {{ quote.place }}{% endif %} (Incoterms® 2020)</li>
{% endif %}
{% if quote.payment_terms %}
<li>Condições de pagamento: {{ quote.payment_terms }}</li>
{% endif %}
{% if quote.lead_time %}
<li>Prazo de entrega: {{ quote.lead_time }}</li>
{% endif %}
{% if quote.moq %}
<li>Quantidade mínima de pedido: {{ quote.moq }}</li>
{% endif %}
</ul>
{% if quote.valid_until %}
<p>Esta cotação é válida até {{ quote.valid_until|date }}.</p>
{% endif %}
{% if quote.remarks %}
<p>{{ quote.remarks }}</p>
{% endif %}
<p>Fico à disposição para qualquer esclarecimento. Aguardamos seu pedido.</p>
<p>Atenciosamente,</p>
</div>
+++ text
{% if buyer.gender == 'f' and buyer.last_name %}Prezada Sra. {{ buyer.last_name }},{% elif buyer.gender == 'm' and buyer.last_name %}Prezado Sr. {{ buyer.last_name }},{% elif buyer.name %}Prezado(a) {{ buyer.name }},{% else %}Prezados senhores,{% endif +%}

Agradecemos sua consulta{% if inquiry.subject %} sobre “{{ inquiry.subject }}”{% endif %}. Temos o prazer de enviar nossa cotação{% if quote.number %} n.º {{ quote.number }}{% endif %}:

{% if quote.items %}
{% for item in quote.items %}
{{ loop.index }}. {{ item.product }}{% if item.specification %} – {{ item.specification }}{% endif +%}
   Quantidade: {{ item.quantity|number }} {{ item.unit }} × {{ item.unit_price|money(quote.currency) }} = {{ item.line_total|money(quote.currency) }}
{% endfor %}
Total: {{ quote.total|money(quote.currency) }}
{% else %}
Os preços detalhados constam da cotação em anexo.
{% endif %}

{% if quote.incoterm %}
- Condições de entrega: {{ quote.incoterm }}{% if quote.place %} {{ quote.place }}{% endif %} (Incoterms® 2020)
{% endif %}
{% if quote.payment_terms %}
- Condições de pagamento: {{ quote.payment_terms }}
{% endif %}
{% if quote.lead_time %}
- Prazo de entrega: {{ quote.lead_time }}
{% endif %}
{% if quote.moq %}
- Quantidade mínima de pedido: {{ quote.moq }}
{% endif %}

{% if quote.valid_until %}
Esta cotação é válida até {{ quote.valid_until|date }}.
{% endif %}
{% if quote.remarks %}
{{ quote.remarks }}
{% endif %}

Fico à disposição para qualquer esclarecimento. Aguardamos seu pedido.

Atenciosamente,
