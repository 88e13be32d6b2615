+++
name = "sample-offer"
lang = "fr"
category = "sample-offer"
title = "Offre d’échantillons"
subject = "Offre d’échantillons{% if inquiry.subject %} – {{ inquiry.subject }}{% endif %}"
+++
<div lang="fr">
<p>{% if buyer.gender == 'f' %}Madame,{% elif buyer.gender == 'm' %}Monsieur,{% elif buyer.name %}Bonjour {{ buyer.name }},{% else %}Madame, Monsieur,{% endif %}</p>
<p>Nous vous remercions de l’intérêt que vous portez à nos produits. Afin que vous puissiez juger par vous-même de notre qualité, nous vous enverrons volontiers des échantillons{% if quote.items %} des articles suivants{% endif %}.</p>
{% if quote.items %}
<ul>
{% for item in quote.items %}
<li>{{ item.product }}{% if item.specification %} ({{ item.specification }}){% endif %}</li>
{% endfor %}
</ul>
{% endif %}
<p>Merci de nous confirmer l’adresse de livraison{% if buyer.company %} de {{ buyer.company }}{% endif %} et, le cas échéant, votre numéro de compte transporteur (DHL, FedEx ou UPS), afin que nous puissions expédier les échantillons dans les meilleurs délais.</p>
{% if quote.lead_time %}
<p>Les échantillons peuvent être expédiés sous {{ quote.lead_time }}.</p>
{% endif %}
<p>Dans l’attente de vos commentaires.</p>
<p>Cordialement,</p>
</div>