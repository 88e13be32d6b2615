+++
name = "quotation"
lang = "fr"
category = "quotation"
title = "Devis"
subject = "Offre de prix{% if quote.number %} {{ quote.number }}{% endif %}{% if inquiry.subject %} – {{ inquiry.subject }}{% endif %}"
+++
<div lang="fr">
<p>{% if buyer.gender == 'f' %}Madame,{% elif buyer.gender == 'm' %}Monsieur,{% elif buyer.name %}Bonjour {{ buyer.name }},{% else %}Madame, Monsieur,{% endif %}</p>
<p>Nous vous remercions de votre demande{% if inquiry.subject %} concernant « {{ inquiry.subject }} »{% endif %}. Nous avons le plaisir de vous adresser notre offre{% if quote.number %} n° {{ quote.number }}{% endif %} :</p>
{% if quote.items %}
<table cellpadding="4" style="border-collapse:collapse;border:1px solid #ccc">
<tr><th align="left">Produit</th><th align="left">Spécification</th><th align="right">Quantité</th><th align="right">Prix unitaire</th><th align="right">Montant</th></tr>
{% for item in quote.items %}
<tr><td>{{ item.product }}</td><td>{{ item.specification }}</td><td align="right">{{ item.quantity|number }} {{ item.unit }}</td><td align="right">{{ item.unit_price|money(quote.currency) }}</td><td align="right">{{ item.line_total|money(quote.currency) }}</td></tr>
{% endfor %}
<tr><td colspan="4" align="right"><b>Total</b></td><td align="right"><b>{{ quote.total|money(quote.currency) }}</b></td></tr>
</table>
{% else %}
<p>Vous trouverez le détail de nos prix dans l’offre ci-jointe.</p>
{% endif %}
<ul>
{% if quote.incoterm %}
<li>Conditions de livraison : {{ quote.incoterm }}{% if quote.place %} {{ quote.place }}{% endif %} (Incoterms® 2020)</li>
{% endif %}
{% if quote.payment_terms %}
<li>Conditions de paiement : {{ quote.payment_terms }}</li>
{% endif %}
{% if quote.lead_time %}
<li>Délai de livraison : {{ quote.lead_time }}</li>
{% endif %}
{% if quote.moq %}
<li>Quantité minimale de commande : {{ quote.moq }}</li>
{% endif %}
</ul>
{% if quote.valid_until %}
<p>Cette offre est valable jusqu’au {{ quote.valid_until|date }}.</p>
{% endif %}
{% if quote.remarks %}
<p>{{ quote.remarks }}</p>
{% endif %}
<p>Dans l’attente de votre commande, je reste à votre disposition pour toute question.</p>
<p>Cordialement,</p>
</div>
+++ text
{% if buyer.gender == 'f' %}Madame,{% elif buyer.gender == 'm' %}Monsieur,{% elif buyer.name %}Bonjour {{ buyer.name }},{% else %}Madame, Monsieur,{% endif +%}

Nous vous remercions de votre demande{% if inquiry.subject %} concernant « {{ inquiry.subject }} »{% endif %}. Nous avons le plaisir de vous adresser notre offre{% if quote.number %} n° {{ quote.number }}{% endif %} :

{% if quote.items %}
{% for item in quote.items %}
{{ loop.index }}. {{ item.product }}{% if item.specification %} – {{ item.specification }}{% endif +%}
   Quantité : {{ item.quantity|number }} {{ item.unit }} × {{ item.unit_price|money(quote.currency) }} = {{ item.line_total|money(quote.currency) }}
{% endfor %}
Total : {{ quote.total|money(quote.currency) }}
{% else %}
Vous trouverez le détail de nos prix dans l’offre ci-jointe.
{% endif %}

{% if quote.incoterm %}
- Conditions de livraison : {{ quote.incoterm }}{% if quote.place %} {{ quote.place }}{% endif %} (Incoterms® 2020)
{% endif %}
{% if quote.payment_terms %}
- Conditions de paiement : {{ quote.payment_terms }}
{% endif %}
{% if quote.lead_time %}
- Délai de livraison : {{ quote.lead_time }}
{% endif %}
{% if quote.moq %}
- Quantité minimale de commande : {{ quote.moq }}
{% endif %}

{% if quote.valid_until %}
Cette offre est valable jusqu’au {{ quote.valid_until|date }}.
{% endif %}
{% if quote.remarks %}
{{ quote.remarks }}
{% endif %}

Dans l’attente de votre commande, je reste à votre disposition pour toute question.

Cordialement,
