+++
name = "follow-up"
lang = "es"
category = "follow-up"
title = "Seguimiento"
subject = "Seguimiento de nuestra oferta{% if quote.number %} {{ quote.number }}{% endif %}{% if inquiry.subject %} – {{ inquiry.subject }}{% endif %}"
+++
<div lang="es">
<p>{% if buyer.gender == 'f' and buyer.last_name %}Estimada Sra. {{ buyer.last_name }}:{% elif buyer.gender == 'm' and buyer.last_name %}Estimado Sr. {{ buyer.last_name }}:{% elif buyer.name %}Estimado/a {{ buyer.name }}:{% else %}Estimados señores:{% endif %}</p>
<p>Me pongo en contacto con usted en relación con la oferta{% if quote.number %} n.º {{ quote.number }}{% endif %} que le enviamos{% if inquiry.date %} en respuesta a su consulta del {{ inquiry.date|date }}{% endif %}. ¿Ha tenido ocasión de revisarla?</p>
<p>Si tiene alguna pregunta sobre las especificaciones, las cantidades o las condiciones, o desea que ajustemos la oferta, con gusto le ayudaré.</p>
{% if quote.valid_until %}
<p>Le recordamos que nuestra oferta es válida hasta el {{ quote.valid_until|date }}.</p>
{% endif %}
<p>Quedo a la espera de sus noticias.</p>
<p>Atentamente,</p>
</div>