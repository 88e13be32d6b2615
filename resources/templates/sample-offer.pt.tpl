+++
name = "sample-offer"
lang = "pt"
category = "sample-offer"
title = "Oferta de amostras"
subject = "Oferta de amostras{% if inquiry.subject %} – {{ inquiry.subject }}{% endif %}"
+++
<div lang="pt">
<p>{% if buyer.gender == 'f' and buyer.last_name %}Prezada Sra. {{ buyer.last_name }},{% elif buyer.gender == 'm' and buyer.last_name %}Prezado Sr. {{ buyer.last_name }},{% elif buyer.name %}Prezado(a) {{ buyer.name }},{% else %}Prezados senhores,{% endif %}</p>
<p>Agradecemos seu interesse em nossos produtos. Para que possa avaliar pessoalmente nossa qualidade, teremos o prazer de enviar amostras{% if quote.items %} dos seguintes artigos{% endif %}.</p>
{% if quote.items %}
<ul>
{% for item in quote.items %}
<li>{{ item.product }}{% if item.specification %} ({{ item.specification }}){% endif %}</li>
{% endfor %}
</ul>
{% endif %}
<p>Pedimos a gentileza de confirmar o endereço de entrega{% if buyer.company %} da empresa {{ buyer.company }}{% endif %} e, se possível, o número da sua conta de courier (DHL, FedEx ou UPS), para que possamos despachar as amostras o quanto antes.</p>
{% if quote.lead_time %}
<p>As amostras podem ser enviadas no prazo de {{ quote.lead_time }}.</p>
{% endif %}
<p>Aguardamos seu parecer.</p>
<p>Atenciosamente,</p>
</div>