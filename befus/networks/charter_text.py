"""The charter of professional networks, version 1: the text every network accepts."""

# The work philosophy and rules of seed 000 ("Uitwisseling van goede praktijkvoorbeelden door
# middel van de oprichting van professionele netwerken"); the Dutch text follows the source, the
# French and English texts translate it.
CHARTER_V1 = {
    "nl": """Een professioneel netwerk is een netwerk van gemeentelijke en/of gesubsidieerde agenten die, binnen het kader van een gemeentelijk preventiebeleid, samen willen nadenken om hun professionele praktijk te verbeteren.

Het netwerk verbindt zich ertoe de werkfilosofie te verdedigen die binnen het kader van de Strategische Veiligheids- en Preventieplannen en het Buurtpreventieplan ontwikkeld werd, en met name:
1. een geïntegreerde en integrale benadering vanuit het lokale niveau (preventie – repressie – opvolging);
2. het principe van subsidiariteit in de werking;
3. sociale en technische preventieprojecten, die optreden tegen de oorzaken van onveiligheid en tegen de bijhorende symptomen.

Het netwerk verbindt zich er verder toe:
- deel te nemen in samenspraak met de burgemeester van elk lid en onder diens gezag;
- het Forum enkel te vertegenwoordigen of in zijn naam te spreken met een voorafgaand schriftelijk mandaat, en omgekeerd;
- elke interpellatie van het netwerk via de Voorzitter van het Forum te laten lopen;
- het secretariaat regelmatig te informeren over zijn werkzaamheden, via de lokale referent, en het een afschrift van zijn processen-verbaal te bezorgen wanneer het dat opportuun acht;
- het resultaat van zijn werkzaamheden voor te stellen op de Algemene Vergadering van het Forum.""",
    "fr": """Un réseau professionnel est un réseau d'agents communaux et/ou subventionnés qui, dans le cadre d'une politique communale de prévention, souhaitent réfléchir ensemble à l'amélioration de leurs pratiques professionnelles.

Le réseau s'engage à défendre la philosophie de travail développée dans le cadre des Plans stratégiques de sécurité et de prévention et du Plan de prévention de proximité, et notamment :
1. une approche intégrée et intégrale à partir du niveau local (prévention – répression – suivi) ;
2. le principe de subsidiarité dans le fonctionnement ;
3. des projets de prévention sociale et technique, qui agissent sur les causes de l'insécurité et sur ses symptômes.

Le réseau s'engage en outre à :
- y participer en concertation avec le bourgmestre de chaque membre et sous son autorité ;
- ne représenter le Forum ou ne parler en son nom qu'avec un mandat écrit préalable, et inversement ;
- faire passer toute interpellation du réseau par le Président du Forum ;
- informer régulièrement le secrétariat de ses travaux, par son référent local, et lui transmettre une copie de ses procès-verbaux lorsqu'il le juge opportun ;
- présenter le résultat de ses travaux à l'Assemblée générale du Forum.""",
    "en": """A professional network is a network of municipal and/or subsidised agents who, within a municipal prevention policy, want to reflect together on how to improve their professional practice.

The network commits to defending the work philosophy developed within the Strategic Security and Prevention Plans and the Neighbourhood Prevention Plan, namely:
1. an integrated and integral approach from the local level (prevention – repression – follow-up);
2. the principle of subsidiarity in how it works;
3. social and technical prevention projects, acting on the causes of insecurity and on its symptoms.

The network further commits to:
- take part in consultation with the mayor of each member, and under the mayor's authority;
- represent the Forum or speak in its name only with a prior written mandate, and the reverse;
- route every interpellation of the network through the Chairman of the Forum;
- inform the secretariat regularly of its work, through its local referent, and send it a copy of its minutes when it sees fit;
- present the result of its work to the General Assembly of the Forum.""",
}
