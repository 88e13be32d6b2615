+++
name = "follow-up"
lang = "de"
category = "follow-up"
title = "Nachfassen"
subject = "Unser Angebot{% if quote.number %} {{ quote.number }}{% endif %}{% if inquiry.subject %} – {{ inquiry.subject }}{% endif %}"
+++
<div lang="de">
<p>{% if buyer.gender == 'f' and buyer.last_name %}Sehr geehrte Frau {{ buyer.last_name }},{% elif buyer.gender == 'm' and buyer.last_name %}Sehr geehrter Herr {{ buyer.last_name }},{% elif buyer.name %}Guten Tag {{ buyer.name }},{% else %}Sehr geehrte Damen und Herren,{% endif %}</p>
<p>ich möchte mich erkundigen, ob Sie Gelegenheit hatten, unser Angebot{% if quote.number %} Nr. {{ quote.number }}{% endif %}{% if inquiry.date %} zu Ihrer Anfrage vom {{ inquiry.date|date }}{% endif %} zu prüfen.</p>
<p>Sollten Sie Fragen zu Spezifikationen, Mengen oder Konditionen haben oder eine Anpassung des Angebots wünschen, helfe ich Ihnen gerne weiter.</p>
{% if quote.valid_until %}
<p>Bitte beachten Sie, dass unser Angebot bis zum {{ quote.valid_until|date }} gültig ist.</p>
{% endif %}
<p>Ich freue mich auf Ihre Rückmeldung.</p>
<p>Mit freundlichen Grüßen</p>
</div>