+++
name = "follow-up"
lang = "fr"
category = "follow-up"
title = "Relance"
subject = "Suite à notre offre{% if quote.number %} {{ quote.number }}{% endif %}{% if inquiry.subject %} – {{ inquiry.subject }}{% endif %}"
+++
<div lang="fr">
<p>{% if buyer.gender == 'f' %}Madame,{% elif buyer.gender == 'm' %}Monsieur,{% elif buyer.name %}Bonjour {{ buyer.name }},{% else %}Madame, Monsieur,{% endif %}</p>
<p>Je me permets de revenir vers vous au sujet de notre offre{% if quote.number %} n° {{ quote.number }}{% endif %}{% if inquiry.date %}, établie en réponse à votre demande du {{ inquiry.date|date }}{% endif %}. Avez-vous eu l’occasion de l’examiner ?</p>
<p>Si vous avez des questions sur les spécifications, les quantités ou les conditions, ou si vous souhaitez que nous adaptions notre proposition, c’est avec plaisir que je vous aiderai.</p>
{% if quote.valid_until %}
<p>Nous vous rappelons que notre offre est valable jusqu’au {{ quote.valid_until|date }}.</p>
{% endif %}
<p>Dans l’attente de votre retour.</p>
<p>Cordialement,</p>
</div>