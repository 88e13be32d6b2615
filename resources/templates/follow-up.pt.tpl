+++
name = "follow-up"
lang = "pt"
category = "follow-up"
title = "Acompanhamento"
subject = "Acompanhamento dnossa cotação{% if quote.number %} {{ quote.number }}{% endif %}{% if inquiry.subject %} – {{ inquiry.subject }}{% endif %}"
+++
<div lang="pt">
<p>{% if buyer.gender == 'f' and buyer.last_name %}Prezada Sra. {{ buyer.last_name }},{% elif buyer.gender == 'm' and buyer.last_name %}Prezado Sr. {{ buyer.last_name }},{% elif buyer.name %}Prezado(a) {{ buyer.name }},{% else %}Prezados senhores,{% endif %}</p>
<p>Escrevo para dar seguimento à cotação{% if quote.number %} n.º {{ quote.number }}{% endif %} que enviamos{% if inquiry.date %} em resposta à sua consulta de {{ inquiry.date|date }}{% endif %}. Já teve oportunidade de analisá-la?</p>
<p>Caso tenha alguma dúvida sobre as especificações, as quantidades ou as condições, ou se desejar que ajustemos a proposta, terei prazer em ajudar.</p>
{% if quote.valid_until %}
<p>Lembramos que nossa proposta é válida até {{ quote.valid_until|date }}.</p>
{% endif %}
<p>Aguardo seu retorno.</p>
<p>Atenciosamente,</p>
</div>