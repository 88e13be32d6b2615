+++
name = "sample-offer"
lang = "es"
category = "sample-offer"
title = "Oferta de muestras"
subject = "Oferta de muestras{% if inquiry.subject %} – {{ inquiry.subject }}{% endif %}"
+++
<div lang="es">
<p>{% if buyer.gender == 'f' and buyer.last_name %}Estimada Sra. {{ buyer.last_name }}:{% elif buyer.gender == 'm' and buyer.last_name %}Estimado Sr. {{ buyer.last_name }}:{% elif buyer.name %}Estimado/a {{ buyer.name }}:{% else %}Estimados señores:{% endif %}</p>
<p>Le agradecemos su interés en nuestros productos. Para que pueda comprobar personalmente nuestra calidad, con mucho gusto le enviaremos muestras{% if quote.items %} de los siguientes artículos{% endif %}.</p>
{% if quote.items %}
<ul>
{% for item in quote.items %}
<li>{{ item.product }}{% if item.specification %} ({{ item.specification }}){% endif %}</li>
{% endfor %}
</ul>
{% endif %}
<p>Le rogamos que nos confirme la dirección de entrega{% if buyer.company %} de {{ buyer.company }}{% endif %} y, si dispone de ella, su cuenta de mensajería (DHL, FedEx o UPS) para que podamos enviar las muestras cuanto antes.</p>
{% if quote.lead_time %}
<p>Las muestras pueden enviarse en un plazo de {{ quote.lead_time }}.</p>
{% endif %}
<p>Quedamos a la espera de sus comentarios.</p>
<p>Atentamente,</p>
</div>