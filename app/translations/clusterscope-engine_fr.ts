<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>Action</name>
    <message>
        <location filename="../../sim-engine/model/action.cpp" line="+55"/>
        <source>resilience:</source>
        <translation>résilience&#xa0;:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>timeouts on</source>
        <translation>délais d&apos;attente activés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>timeouts off</source>
        <translation>délais d&apos;attente désactivés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>retries on</source>
        <translation>relances activées</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>retries off</source>
        <translation>relances désactivées</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>breaker on</source>
        <translation>disjoncteur activé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>breaker off</source>
        <translation>disjoncteur désactivé</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>killed %1</source>
        <translation>%1 tuée</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>crashed %1</source>
        <translation>%1 plantée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>restarted %1</source>
        <translation>%1 redémarré</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>failed node %1</source>
        <translation>panne du nœud %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>recovered node %1</source>
        <translation>nœud %1 rétabli</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>normal speed %1</source>
        <translation>%1 à vitesse normale</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>slowed x%1 %2</source>
        <translation>%2 ralenti ×%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 errors %2%</source>
        <translation>%1&#xa0;: %2&#xa0;% d&apos;erreurs</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>partitioned %1 | %2</source>
        <translation>partition %1 | %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>healed %1 | %2</source>
        <translation>partition levée %1 | %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>broker down %1 s</source>
        <translation>broker en panne %1 s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>broker down</source>
        <translation>broker en panne</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>broker up</source>
        <translation>broker rétabli</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 x%2</source>
        <translation>%1 ×%2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>all calls async</source>
        <translation>tous les appels en asynchrone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>all calls sync</source>
        <translation>tous les appels en synchrone</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1-&gt;%2 async</source>
        <translation>%1-&gt;%2 en asynchrone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1-&gt;%2 sync</source>
        <translation>%1-&gt;%2 en synchrone</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>rate %1 rps</source>
        <translation>débit d&apos;arrivée %1 req/s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>rolling update %1</source>
        <translation>mise à jour progressive de %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>autoscaler on</source>
        <translation>mise à l&apos;échelle auto activée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>autoscaler off</source>
        <translation>mise à l&apos;échelle auto désactivée</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>autoscaler on %1</source>
        <translation>mise à l&apos;échelle auto activée pour %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>autoscaler off %1</source>
        <translation>mise à l&apos;échelle auto désactivée pour %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>+%1 ms on %2</source>
        <translation>+%1 ms sur %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>+%1 ms on %2 for %3 s</source>
        <translation>+%1 ms sur %2 pendant %3 s</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>lost %1% on %2</source>
        <translation>%1&#xa0;% de pertes sur %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>lost %1% on %2 for %3 s</source>
        <translation>%1&#xa0;% de pertes sur %2 pendant %3 s</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>blackholed %1</source>
        <translation>trou noir sur %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>blackholed %1 for %2 s</source>
        <translation>trou noir sur %1 pendant %2 s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>paused %1</source>
        <translation>%1 gelé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>paused %1 for %2 s</source>
        <translation>%1 gelé pendant %2 s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>failed the next %1 on %2</source>
        <translation>échec des %1 prochaines requêtes sur %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed the next %1 on %2 for %3 s</source>
        <translation>échec des %1 prochaines requêtes sur %2 pendant %3 s</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>faults reset</source>
        <translation>pannes levées</translation>
    </message>
</context>
<context>
    <name>ClaimResult</name>
    <message>
        <location filename="../../sim-engine/report/claim_tracker.cpp" line="+119"/>
        <source>no complete interval in the window</source>
        <translation>aucun intervalle complet dans la fenêtre</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>unknown metric</source>
        <translation>métrique inconnue</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>min %1, max %2</source>
        <translation>min %1, max %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>min %1</source>
        <translation>min %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>max %1</source>
        <translation>max %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ok</source>
        <translation>vérifiée</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>FAILED</source>
        <translation>NON VÉRIFIÉE</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 over %2-%3 s = %4 (%5): %6</source>
        <translation>%1 sur %2-%3 s = %4 (%5)&#xa0;: %6</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 over %2-%3 s: %4 (%5): %6</source>
        <translation>%1 sur %2-%3 s&#xa0;: %4 (%5)&#xa0;: %6</translation>
    </message>
</context>
<context>
    <name>FailureCause</name>
    <message>
        <location filename="../../sim-engine/report/text_report.cpp" line="+30"/>
        <source>timeout</source>
        <translation>délai dépassé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>queue_full</source>
        <translation>file pleine</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>error</source>
        <translation>erreur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no_replica</source>
        <translation>aucune réplique</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>circuit_open</source>
        <translation>disjoncteur ouvert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bulkhead_full</source>
        <translation>cloison pleine</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>crashed</source>
        <translation>plantage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>broker_rejected</source>
        <translation>refus du broker</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>too_deep</source>
        <translation>chaîne trop profonde</translation>
    </message>
</context>
<context>
    <name>JsonSyntax</name>
    <message>
        <location filename="../../sim-engine/scenario/json_syntax_text.cpp" line="+15"/>
        <source>value</source>
        <translation>une valeur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>object</source>
        <translation>un objet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>object key</source>
        <translation>une clé d&apos;objet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>object separator</source>
        <translation>le séparateur entre clé et valeur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>array</source>
        <translation>un tableau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>true literal</source>
        <translation>true</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>false literal</source>
        <translation>false</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>null literal</source>
        <translation>null</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>string literal</source>
        <translation>une chaîne</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>number literal</source>
        <translation>un nombre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>end of input</source>
        <translation>la fin du texte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;[&apos;, &apos;{&apos;, or a literal</source>
        <translation>&apos;[&apos;, &apos;{&apos; ou une valeur littérale</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unexpected true literal</source>
        <translation>true inattendu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unexpected false literal</source>
        <translation>false inattendu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unexpected null literal</source>
        <translation>null inattendu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unexpected string literal</source>
        <translation>chaîne inattendue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unexpected number literal</source>
        <translation>nombre inattendu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unexpected &apos;[&apos;</source>
        <translation>&apos;[&apos; inattendu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unexpected &apos;{&apos;</source>
        <translation>&apos;{&apos; inattendu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unexpected &apos;]&apos;</source>
        <translation>&apos;]&apos; inattendu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unexpected &apos;}&apos;</source>
        <translation>&apos;}&apos; inattendu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unexpected &apos;:&apos;</source>
        <translation>&apos;:&apos; inattendu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unexpected &apos;,&apos;</source>
        <translation>&apos;,&apos; inattendue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unexpected end of input</source>
        <translation>fin du texte inattendue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>invalid literal</source>
        <translation>valeur littérale invalide</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>invalid string: missing closing quote</source>
        <translation>chaîne invalide&#xa0;: guillemet fermant manquant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>invalid string: ill-formed UTF-8 byte</source>
        <translation>chaîne invalide&#xa0;: octet UTF-8 mal formé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>invalid string: forbidden character after backslash</source>
        <translation>chaîne invalide&#xa0;: caractère interdit après une barre oblique inverse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>invalid string: &apos;\u&apos; must be followed by 4 hex digits</source>
        <translation>chaîne invalide&#xa0;: &apos;\u&apos; doit être suivi de 4 chiffres hexadécimaux</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>invalid string: control character U+0009 (HT) must be escaped to \u0009 or \t</source>
        <translation>chaîne invalide&#xa0;: le caractère de contrôle U+0009 (tabulation) doit s&apos;écrire \u0009 ou \t</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>invalid string: control character U+000A (LF) must be escaped to \u000A or \n</source>
        <translation>chaîne invalide&#xa0;: le caractère de contrôle U+000A (saut de ligne) doit s&apos;écrire \u000A ou \n</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>invalid string: control character U+000D (CR) must be escaped to \u000D or \r</source>
        <translation>chaîne invalide&#xa0;: le caractère de contrôle U+000D (retour chariot) doit s&apos;écrire \u000D ou \r</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>invalid number; expected digit after &apos;-&apos;</source>
        <translation>nombre invalide&#x202f;; on attendait un chiffre après &apos;-&apos;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>invalid number; expected digit after &apos;.&apos;</source>
        <translation>nombre invalide&#x202f;; on attendait un chiffre après &apos;.&apos;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>invalid number; expected &apos;+&apos;, &apos;-&apos;, or digit after exponent</source>
        <translation>nombre invalide&#x202f;; on attendait &apos;+&apos;, &apos;-&apos; ou un chiffre après l&apos;exposant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>invalid number; expected digit after exponent sign</source>
        <translation>nombre invalide&#x202f;; on attendait un chiffre après le signe de l&apos;exposant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>invalid comment; missing closing &apos;*/&apos;</source>
        <translation>commentaire invalide&#x202f;; &apos;*/&apos; fermant manquant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>invalid comment; expecting &apos;/&apos; or &apos;*&apos; after &apos;/&apos;</source>
        <translation>commentaire invalide&#x202f;; on attendait &apos;/&apos; ou &apos;*&apos; après &apos;/&apos;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>invalid BOM; must be 0xEF 0xBB 0xBF if given</source>
        <translation>BOM invalide&#x202f;; s&apos;il est présent, il doit valoir 0xEF 0xBB 0xBF</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>syntax error while parsing %1 - %2</source>
        <translation>erreur de syntaxe dans %1 - %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>syntax error while parsing %1 - %2; expected %3</source>
        <translation>erreur de syntaxe dans %1 - %2&#x202f;; on attendait %3</translation>
    </message>
</context>
<context>
    <name>QuestionOutcome</name>
    <message>
        <location filename="../../sim-engine/report/question_tracker.cpp" line="+115"/>
        <source>%1 %2: %3</source>
        <translation>%1 %2&#xa0;: %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 went from %2 %3 to %4 %5</source>
        <translation>%1 est passé de %2 %3 à %4 %5</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 = %2 %3</source>
        <translation>%1 = %2 %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ok</source>
        <translation>juste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>FAILED</source>
        <translation>FAUX</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no answer, marked %1: %2</source>
        <translation>pas de réponse, la bonne est %1&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>answer %1, marked %2: %3</source>
        <translation>réponse %1, la bonne est %2&#xa0;: %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>matches no choice, marked %1: %2</source>
        <translation>ne correspond à aucun choix, la bonne est %1&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Q%1 at %2 s: %3: %4</source>
        <translation>Q%1 à %2 s&#xa0;: %3&#xa0;: %4</translation>
    </message>
</context>
<context>
    <name>ReplicaAction</name>
    <message>
        <location filename="../../sim-engine/model/action.cpp" line="-78"/>
        <source>restarted %1</source>
        <translation>%1 redémarrée</translation>
    </message>
</context>
<context>
    <name>RunCost</name>
    <message>
        <location filename="../../sim-engine/report/run_cost.cpp" line="+104"/>
        <source>%1 minutes</source>
        <translation>%1 minutes</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 hours</source>
        <translation>%1 heures</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 days</source>
        <translation>%1 jours</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 years</source>
        <translation>%1 ans</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>this run may take about %1 of CPU time (about %2 events): shorten duration_s, lower the load, or watch it in the GUI at a paced speed</source>
        <translation>cette exécution peut prendre environ %1 de temps processeur (environ %2 événements)&#xa0;: raccourcissez duration_s, allégez la charge ou suivez-la dans l&apos;interface graphique à vitesse modérée</translation>
    </message>
</context>
<context>
    <name>RunLimits</name>
    <message>
        <location filename="../../sim-engine/engine/core_limits.cpp" line="+28"/>
        <source>a request arriving</source>
        <translation>l&apos;arrivée d&apos;une requête</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a user sending a request</source>
        <translation>l&apos;envoi d&apos;une requête par un utilisateur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a request reaching a replica</source>
        <translation>l&apos;arrivée d&apos;une requête sur une réplique</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a service finishing its work</source>
        <translation>la fin du travail d&apos;un service</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a call&apos;s reply</source>
        <translation>la réponse à un appel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a client receiving its reply</source>
        <translation>la réception de sa réponse par un client</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a message reaching the broker</source>
        <translation>l&apos;arrivée d&apos;un message au broker</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a call being retried</source>
        <translation>la relance d&apos;un appel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a cluster event</source>
        <translation>un événement de la grappe</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>the run stopped at %1: %2 requests, service visits and broker messages were in the system at once (the limit is %3)</source>
        <translation>l&apos;exécution s&apos;est arrêtée à %1&#xa0;: %2 requêtes, visites de services et messages du broker étaient à la fois dans le système (la limite est %3)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1; %2 of them wait in the queues of %3 (/services/%4): give it a &quot;queue_capacity&quot; so that requests beyond it fail instead of waiting</source>
        <translation>%1&#x202f;; %2 d&apos;entre eux attendent dans les files d&apos;attente de %3 (/services/%4)&#xa0;: donnez-lui une &quot;queue_capacity&quot; pour que les requêtes au-delà échouent au lieu d&apos;attendre</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1; %2 of them are broker messages for %3 (/services/%4): give the broker a &quot;capacity&quot; or %3 more replicas or workers</source>
        <translation>%1&#x202f;; %2 d&apos;entre eux sont des messages du broker pour %3 (/services/%4)&#xa0;: donnez au broker une &quot;capacity&quot;, ou à %3 plus de répliques ou de workers</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1; most of them wait for replies that are late or lost: give the workload and the calls a &quot;timeout_ms&quot;, or lower the load</source>
        <translation>%1&#x202f;; la plupart attendent des réponses en retard ou perdues&#xa0;: donnez un &quot;timeout_ms&quot; à la charge et aux appels, ou allégez la charge</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>%1 at %2</source>
        <translation>%1 à %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the run is stuck at %1: %2 events happened without the clock moving (the last: %3); something loops in zero time: give it a service time or a latency</source>
        <translation>l&apos;exécution est bloquée à %1&#xa0;: %2 événements ont eu lieu sans que l&apos;horloge avance (le dernier&#xa0;: %3)&#x202f;; quelque chose boucle en un temps nul&#xa0;: donnez-lui un temps de service ou une latence</translation>
    </message>
</context>
<context>
    <name>ScenarioLoader</name>
    <message>
        <location filename="../../sim-engine/scenario/call_graph.cpp" line="+88"/>
        <source>... (%1 more)</source>
        <translation>... (%1 de plus)</translation>
    </message>
    <message>
        <location filename="../../sim-engine/scenario/json_positions.cpp" line="+111"/>
        <source>nesting deeper than %1 levels</source>
        <translation>imbrication de plus de %1 niveaux</translation>
    </message>
    <message>
        <location filename="../../sim-engine/scenario/json_reader.cpp" line="+26"/>
        <source>expected %1, got %2</source>
        <translation>on attend %1, pas %2</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>must be between %1 and %2, got %3</source>
        <translation>doit être compris entre %1 et %2, pas %3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>must be greater than %1 and at most %2, got %3</source>
        <translation>doit être supérieur à %1 et valoir au plus %2, pas %3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>must be at least %1 and less than %2, got %3</source>
        <translation>doit valoir au moins %1 et être inférieur à %2, pas %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>must be greater than %1 and less than %2, got %3</source>
        <translation>doit être supérieur à %1 et inférieur à %2, pas %3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>must be greater than %1, got %2</source>
        <translation>doit être supérieur à %1, pas %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>must be at least %1, got %2</source>
        <translation>doit valoir au moins %1, pas %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>must be less than %1, got %2</source>
        <translation>doit être inférieur à %1, pas %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>must be at most %1, got %2</source>
        <translation>doit valoir au plus %1, pas %2</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+225"/>
        <source>a boolean</source>
        <translation>un booléen</translation>
    </message>
    <message>
        <location line="-223"/>
        <location line="+63"/>
        <source>a string</source>
        <translation>une chaîne</translation>
    </message>
    <message>
        <location line="-61"/>
        <location line="+253"/>
        <source>an array</source>
        <translation>un tableau</translation>
    </message>
    <message>
        <location line="-251"/>
        <location line="+141"/>
        <source>an object</source>
        <translation>un objet</translation>
    </message>
    <message>
        <location line="-139"/>
        <location line="+7"/>
        <source>a number</source>
        <translation>un nombre</translation>
    </message>
    <message>
        <location line="+34"/>
        <location line="+148"/>
        <source>expected an integer, got %1</source>
        <translation>on attend un entier, pas %1</translation>
    </message>
    <message>
        <location line="-138"/>
        <location line="+135"/>
        <source>an integer</source>
        <translation>un entier</translation>
    </message>
    <message>
        <location line="-117"/>
        <source>%1 is not a valid name: use 1 to 64 letters, digits, &quot;_&quot;, &quot;.&quot; or &quot;-&quot;</source>
        <translation>%1 n&apos;est pas un nom valide&#xa0;: de 1 à 64 lettres, chiffres, &quot;_&quot;, &quot;.&quot; ou &quot;-&quot;</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>a distribution (an object or a number)</source>
        <translation>une distribution (un objet ou un nombre)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>unknown distribution %1</source>
        <translation>distribution %1 inconnue</translation>
    </message>
    <message>
        <location line="+21"/>
        <location filename="../../sim-engine/scenario/scenario_parser.cpp" line="+58"/>
        <location filename="../../sim-engine/scenario/service_parser.cpp" line="+63"/>
        <source>&quot;max&quot; (%1) is less than &quot;min&quot; (%2)</source>
        <translation>&quot;max&quot; (%1) est inférieur à &quot;min&quot; (%2)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>for dist %1</source>
        <translation>pour dist %1</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>missing required key %1</source>
        <translation>clé obligatoire %1 absente</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>must be less than 2^64, got %1</source>
        <translation>doit être inférieur à 2^64, pas %1</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>(expected %1)</source>
        <translation>(on attend %1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../sim-engine/scenario/scenario_checks.cpp" line="+165"/>
        <location filename="../../sim-engine/scenario/timeline_checks.cpp" line="+279"/>
        <location filename="../../sim-engine/scenario/timeline_parser.cpp" line="+199"/>
        <source>or</source>
        <translation>ou</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>too many entries: %1 (the limit is %2)</source>
        <translation>trop d&apos;éléments&#xa0;: %1 (la limite est %2)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>unknown key %1</source>
        <translation>clé %1 inconnue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unknown key %1 %2</source>
        <translation>clé %1 inconnue %2</translation>
    </message>
    <message>
        <location filename="../../sim-engine/scenario/lesson_parser.cpp" line="+27"/>
        <source>expected a string or an object of texts by language (e.g. {&quot;en&quot;: &quot;...&quot;, &quot;fr&quot;: &quot;...&quot;}), got %1</source>
        <translation>on attend une chaîne ou un objet de textes par langue (par exemple {&quot;en&quot;: &quot;...&quot;, &quot;fr&quot;: &quot;...&quot;}), pas %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>a text object needs at least one language, e.g. {&quot;en&quot;: &quot;...&quot;}</source>
        <translation>un objet de textes demande au moins une langue, par exemple {&quot;en&quot;: &quot;...&quot;}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>language %1 is not a two-letter lower-case code (e.g. &quot;en&quot;, &quot;fr&quot;)</source>
        <translation>la langue %1 n&apos;est pas un code de deux lettres minuscules (par exemple &quot;en&quot;, &quot;fr&quot;)</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>a choice needs &quot;min&quot;, &quot;max&quot; or both (it matches min &lt;= value &lt; max)</source>
        <translation>un choix demande &quot;min&quot;, &quot;max&quot; ou les deux (il retient min &lt;= valeur &lt; max)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&quot;max&quot; (%1) must be more than &quot;min&quot; (%2)</source>
        <translation>&quot;max&quot; (%1) doit être supérieur à &quot;min&quot; (%2)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>in a choice</source>
        <translation>dans un choix</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>a question needs 2 to 4 choices, got %1</source>
        <translation>une question demande de 2 à 4 choix, pas %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>choices %1 and %2 overlap: %3 and %4 (a choice matches min &lt;= value &lt; max)</source>
        <translation>les choix %1 et %2 se chevauchent&#xa0;: %3 et %4 (un choix retient min &lt;= valeur &lt; max)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>the question is settled after it is asked: between_s must start at or after the step&apos;s at_s (%1 s), got %2 s</source>
        <translation>la question se tranche après avoir été posée&#xa0;: between_s doit commencer au at_s de l&apos;étape (%1 s) ou après, pas à %2 s</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>before_s must end by the start of between_s (%1 s), got %2 s</source>
        <translation>before_s doit finir au plus tard au début de between_s (%1 s), pas à %2 s</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>answer %1 is not a choice: choices are numbered from 0 to %2</source>
        <translation>la réponse %1 n&apos;est pas un choix&#xa0;: les choix sont numérotés de 0 à %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>in a question</source>
        <translation>dans une question</translation>
    </message>
    <message>
        <location filename="../../sim-engine/scenario/name_suggestion.cpp" line="+65"/>
        <source>(did you mean %1?)</source>
        <translation>(vouliez-vous dire %1&#x202f;?)</translation>
    </message>
    <message>
        <location filename="../../sim-engine/scenario/progress_checks.cpp" line="+38"/>
        <source>calls loop in zero time: %1 (no service time on the way, no latency): give one of them a service time, or the network or the broker a latency</source>
        <translation>des appels bouclent en un temps nul&#xa0;: %1 (aucun temps de service en chemin, aucune latence)&#xa0;: donnez un temps de service à l&apos;un d&apos;eux, ou une latence au réseau ou au broker</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>the users would send requests in a loop that takes no time: &quot;%1&quot; and what it calls in sync have no service time, and neither the think time nor the network adds any: give one of them a positive mean</source>
        <translation>les utilisateurs enverraient leurs requêtes dans une boucle qui ne prend aucun temps&#xa0;: &quot;%1&quot; et ce qu&apos;il appelle en synchrone n&apos;ont pas de temps de service, et ni le temps de réflexion ni le réseau n&apos;en ajoutent&#xa0;: donnez à l&apos;un d&apos;eux une moyenne positive</translation>
    </message>
    <message>
        <location filename="../../sim-engine/scenario/scenario_checks.cpp" line="-137"/>
        <source>duplicate name &quot;%1&quot;: already used at %2</source>
        <translation>nom &quot;%1&quot; en double&#xa0;: déjà utilisé en %2</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>too many services and modules: %1 (the limit is %2)</source>
        <translation>trop de services et de modules&#xa0;: %1 (la limite est %2)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the services may run up to %1 replicas in all (the limit is %2)</source>
        <translation>les services peuvent faire tourner jusqu&apos;à %1 répliques en tout (la limite est %2)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>a replica of &quot;%1&quot; needs %2 cores but the largest node has %3</source>
        <translation>une réplique de &quot;%1&quot; demande %2 cœurs mais le plus grand nœud en a %3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the initial replicas need %1 cores but the nodes have %2 (replicas x cpu summed over the services)</source>
        <translation>les répliques initiales demandent %1 cœurs mais les nœuds en ont %2 (replicas x cpu, sommé sur les services)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>sync calls form a cycle: %1</source>
        <translation>des appels synchrones forment un cycle&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+64"/>
        <location line="+18"/>
        <source>unknown service %1</source>
        <translation>service %1 inconnu</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>&quot;%1&quot; calls itself</source>
        <translation>&quot;%1&quot; s&apos;appelle lui-même</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&quot;%1&quot; is a service with modules: call one of its modules (%2)</source>
        <translation>&quot;%1&quot; est un service à modules&#xa0;: appelez l&apos;un de ses modules (%2)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&quot;%1&quot; is a service with modules: make one of its modules the entry (%2)</source>
        <translation>&quot;%1&quot; est un service à modules&#xa0;: faites de l&apos;un de ses modules l&apos;entrée (%2)</translation>
    </message>
    <message>
        <location filename="../../sim-engine/scenario/scenario_loader.cpp" line="+70"/>
        <source>invalid JSON: %1</source>
        <translation>JSON invalide&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>duplicate key %1</source>
        <translation>clé %1 en double</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 more errors not shown</source>
        <translation>%1 autres erreurs non affichées</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>number too large for a double</source>
        <translation>nombre trop grand pour un double</translation>
    </message>
    <message>
        <location line="+38"/>
        <location line="+117"/>
        <source>the file is larger than %1 (%2 bytes)</source>
        <translation>le fichier dépasse %1 (%2 octets)</translation>
    </message>
    <message>
        <location line="-87"/>
        <source>the action is larger than %1 (%2 bytes)</source>
        <translation>l&apos;action dépasse %1 (%2 octets)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&quot;at_s&quot; does not apply to an action sent now: it runs at once</source>
        <translation>&quot;at_s&quot; ne s&apos;applique pas à une action envoyée maintenant&#xa0;: elle s&apos;exécute aussitôt</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>the service is larger than %1 (%2 bytes)</source>
        <translation>le service dépasse %1 (%2 octets)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>cannot read the file: %1</source>
        <translation>impossible de lire le fichier&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>it is a directory</source>
        <translation>c&apos;est un dossier</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it is a pipe, not a regular file</source>
        <translation>c&apos;est un tube, pas un fichier ordinaire</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it is a device, not a regular file</source>
        <translation>c&apos;est un périphérique, pas un fichier ordinaire</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>it is not a regular file</source>
        <translation>ce n&apos;est pas un fichier ordinaire</translation>
    </message>
    <message>
        <location filename="../../sim-engine/scenario/scenario_parser.cpp" line="-29"/>
        <source>unsupported format %1: this version reads format 1</source>
        <translation>format %1 non pris en charge&#xa0;: cette version lit le format 1</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>a claim needs &quot;min&quot;, &quot;max&quot; or both</source>
        <translation>une affirmation demande &quot;min&quot;, &quot;max&quot; ou les deux</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>expected [start, end] in seconds, got %1 values</source>
        <translation>on attend [début, fin] en secondes, pas %1 valeurs</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the window must end after it starts: %1 s is not after %2 s</source>
        <translation>la fenêtre doit finir après son début&#xa0;: %1 s n&apos;est pas après %2 s</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>must not be empty</source>
        <translation>ne doit pas être vide</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>must be less than duration_s (%1), got %2</source>
        <translation>doit être inférieur à duration_s (%1), pas %2</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>must list at least one service</source>
        <translation>doit compter au moins un service</translation>
    </message>
    <message>
        <location filename="../../sim-engine/scenario/service_parser.cpp" line="-42"/>
        <source>%1, the default</source>
        <translation>%1, la valeur par défaut</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>&quot;window&quot; (%1) is less than &quot;min_calls&quot; (%2)</source>
        <translation>&quot;window&quot; (%1) est inférieur à &quot;min_calls&quot; (%2)</translation>
    </message>
    <message>
        <location line="+34"/>
        <location filename="../../sim-engine/scenario/timeline_parser.cpp" line="-84"/>
        <source>unknown call mode %1</source>
        <translation>mode d&apos;appel %1 inconnu</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>unknown lb policy %1</source>
        <translation>politique de répartition (lb) %1 inconnue</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>unknown agent %1</source>
        <translation>agent %1 inconnu</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&quot;service_time_ms&quot; does not apply to a service with modules: give each module its own</source>
        <translation>&quot;service_time_ms&quot; ne s&apos;applique pas à un service à modules&#xa0;: donnez le sien à chaque module</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&quot;calls&quot; does not apply to a service with modules: its modules make the calls</source>
        <translation>&quot;calls&quot; ne s&apos;applique pas à un service à modules&#xa0;: ce sont ses modules qui font les appels</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&quot;error_rate&quot; does not apply to a service with modules: set it on its modules</source>
        <translation>&quot;error_rate&quot; ne s&apos;applique pas à un service à modules&#xa0;: donnez-le à ses modules</translation>
    </message>
    <message>
        <location filename="../../sim-engine/scenario/timeline_checks.cpp" line="-236"/>
        <source>%1 has at most %2 replica, %3 with the replacements of a rolling update, at %4 s</source>
        <translation>%1 a au plus %2 réplique, %3 avec les remplaçantes d&apos;une mise à jour progressive, à %4 s</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 has %2 replica, %3 with the replacements of a rolling update, at %4 s</source>
        <translation>%1 a %2 réplique, %3 avec les remplaçantes d&apos;une mise à jour progressive, à %4 s</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 has at most %2 replicas, %3 with the replacements of a rolling update, at %4 s</source>
        <translation>%1 a au plus %2 répliques, %3 avec les remplaçantes d&apos;une mise à jour progressive, à %4 s</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 has %2 replicas, %3 with the replacements of a rolling update, at %4 s</source>
        <translation>%1 a %2 répliques, %3 avec les remplaçantes d&apos;une mise à jour progressive, à %4 s</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 has at most %2 replica%3 at %4 s</source>
        <translation>%1 a au plus %2 réplique%3 à %4 s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 has %2 replica%3 at %4 s</source>
        <translation>%1 a %2 réplique%3 à %4 s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 has at most %2 replicas%3 at %4 s</source>
        <translation>%1 a au plus %2 répliques%3 à %4 s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 has %2 replicas%3 at %4 s</source>
        <translation>%1 a %2 répliques%3 à %4 s</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>unknown node &quot;%1&quot;: the scenario declares no nodes</source>
        <translation>nœud &quot;%1&quot; inconnu&#xa0;: le scénario ne déclare aucun nœud</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>unknown node %1</source>
        <translation>nœud %1 inconnu</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&quot;%1&quot; is a service with modules: name one of its modules (%2)</source>
        <translation>&quot;%1&quot; est un service à modules&#xa0;: nommez l&apos;un de ses modules (%2)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>there is no call from &quot;%1&quot; to &quot;%2&quot;</source>
        <translation>il n&apos;y a pas d&apos;appel de &quot;%1&quot; vers &quot;%2&quot;</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>replica %1 does not exist: %2</source>
        <translation>la réplique %1 n&apos;existe pas&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>set_arrival_rate needs an open workload; this one is closed</source>
        <translation>set_arrival_rate demande une charge ouverte&#x202f;; celle-ci est fermée</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>set_autoscaler: no service has autoscale settings</source>
        <translation>set_autoscaler&#xa0;: aucun service n&apos;a de réglages autoscale</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&quot;%1&quot; has no autoscale settings</source>
        <translation>&quot;%1&quot; n&apos;a pas de réglages autoscale</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>(see the metric names in docs/scenario-format.md)</source>
        <translation>(voir les noms des métriques dans docs/scenario-format.md)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+39"/>
        <source>unknown metric %1</source>
        <translation>métrique %1 inconnue</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>unknown service %1 in metric %2</source>
        <translation>service %1 inconnu dans la métrique %2</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>(expected services.NAME.STAT, STAT one of %1)</source>
        <translation>(on attend services.NOM.STAT, STAT parmi %1)</translation>
    </message>
    <message>
        <location filename="../../sim-engine/scenario/timeline_parser.cpp" line="-17"/>
        <source>expected 2 node names, got %1</source>
        <translation>on attend 2 noms de nœuds, pas %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>a node cannot be cut off from itself: name two nodes</source>
        <translation>un nœud ne peut pas être coupé de lui-même&#xa0;: nommez deux nœuds</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>%1 acts on a &quot;service&quot; or on an edge (&quot;from&quot; and &quot;to&quot;), not both</source>
        <translation>%1 agit sur un &quot;service&quot; ou sur un lien (&quot;from&quot; et &quot;to&quot;), pas sur les deux</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 needs a &quot;service&quot; (and a &quot;replica&quot;) or an edge (&quot;from&quot; and &quot;to&quot;)</source>
        <translation>%1 demande un &quot;service&quot; (et une &quot;replica&quot;) ou un lien (&quot;from&quot; et &quot;to&quot;)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 on an edge needs both &quot;from&quot; and &quot;to&quot;</source>
        <translation>sur un lien, %1 demande à la fois &quot;from&quot; et &quot;to&quot;</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>a replica is named with its &quot;service&quot;, not on an edge</source>
        <translation>une réplique se nomme avec son &quot;service&quot;, pas sur un lien</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>unknown action %1 (expected one of %2)</source>
        <translation>action %1 inconnue (actions possibles&#xa0;: %2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>unknown action %1</source>
        <translation>action %1 inconnue</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>set_call_mode needs both &quot;from&quot; and &quot;to&quot; (one edge) or neither (every edge)</source>
        <translation>set_call_mode demande à la fois &quot;from&quot; et &quot;to&quot; (un lien) ou aucun des deux (tous les liens)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>set_resilience needs at least one of &quot;timeouts&quot;, &quot;retries&quot; and &quot;circuit_breaker&quot;</source>
        <translation>set_resilience demande au moins l&apos;un de &quot;timeouts&quot;, &quot;retries&quot; et &quot;circuit_breaker&quot;</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>for action %1</source>
        <translation>pour l&apos;action %1</translation>
    </message>
    <message>
        <location filename="../../sim-engine/scenario/workload_parser.cpp" line="+28"/>
        <source>stages must be in strictly increasing time order: %1 s is not after %2 s</source>
        <translation>les paliers doivent se suivre dans l&apos;ordre strictement croissant du temps&#xa0;: %1 s n&apos;est pas après %2 s</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>unknown arrival kind %1</source>
        <translation>type d&apos;arrivée %1 inconnu</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&quot;rate_rps&quot; does not apply to arrival &quot;closed&quot;: a closed workload has &quot;users&quot; instead</source>
        <translation>&quot;rate_rps&quot; ne s&apos;applique pas à arrival &quot;closed&quot;&#xa0;: une charge fermée a &quot;users&quot; à la place</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&quot;stages&quot; does not apply to arrival &quot;closed&quot;</source>
        <translation>&quot;stages&quot; ne s&apos;applique pas à arrival &quot;closed&quot;</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&quot;users&quot; does not apply to arrival %1: set &quot;arrival&quot;: &quot;closed&quot; for a closed workload</source>
        <translation>&quot;users&quot; ne s&apos;applique pas à arrival %1&#xa0;: écrivez &quot;arrival&quot;: &quot;closed&quot; pour une charge fermée</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&quot;think_time_ms&quot; does not apply to arrival %1: set &quot;arrival&quot;: &quot;closed&quot; for a closed workload</source>
        <translation>&quot;think_time_ms&quot; ne s&apos;applique pas à arrival %1&#xa0;: écrivez &quot;arrival&quot;: &quot;closed&quot; pour une charge fermée</translation>
    </message>
</context>
<context>
    <name>SystemError</name>
    <message>
        <location filename="../../sim-engine/scenario/scenario_loader.cpp" line="-251"/>
        <source>No such file or directory</source>
        <translation>fichier ou dossier introuvable</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Permission denied</source>
        <translation>permission refusée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not a directory</source>
        <translation>ce n&apos;est pas un dossier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Too many levels of symbolic links</source>
        <translation>trop de niveaux de liens symboliques</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File name too long</source>
        <translation>nom de fichier trop long</translation>
    </message>
</context>
<context>
    <name>TextReport</name>
    <message>
        <location filename="../../sim-engine/report/text_report.cpp" line="+15"/>
        <source>new</source>
        <translation>nouveau</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>sync</source>
        <translation>synchrones</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>async</source>
        <translation>asynchrones</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>seed %1, %2 s of traffic (%3 s measured) in %4 s, %5 reports</source>
        <translation>graine %1, %2 s de trafic (%3 s mesurées) en %4 s, %5 rapports</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>seed %1, all calls %2, %3 s of traffic (%4 s measured) in %5 s, %6 reports</source>
        <translation>graine %1, tous les appels %2, %3 s de trafic (%4 s mesurées) en %5 s, %6 rapports</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>seed %1, %2 s simulated (%3 s measured) in %4 s, %5 events</source>
        <translation>graine %1, %2 s simulées (%3 s mesurées) en %4 s, %5 événements</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>seed %1, all calls %2, %3 s simulated (%4 s measured) in %5 s, %6 events</source>
        <translation>graine %1, tous les appels %2, %3 s simulées (%4 s mesurées) en %5 s, %6 événements</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>STOPPED EARLY: %1</source>
        <translation>ARRÊT ANTICIPÉ&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>requests  sent %1, completed %2, failed %3 (%4% of finished), %5 rps</source>
        <translation>requêtes  envoyées %1, réussies %2, échouées %3 (%4&#xa0;% des requêtes achevées), %5 req/s</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>latency   mean %1 ms, p50 %2, p95 %3, p99 %4, max %5</source>
        <translation>latence   moyenne %1 ms, p50 %2, p95 %3, p99 %4, max %5</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>failures  %1</source>
        <translation>échecs    %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>cost      %1 cores on average</source>
        <translation>coût      %1 cœurs en moyenne</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>service</source>
        <translation>service</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>arrivals</source>
        <translation>arrivées</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>completed</source>
        <translation>réussies</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>échouées</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>util</source>
        <translation>util.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mean ms</source>
        <translation>moy. ms</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>broker    published %1, delivered %2, rejected %3, max backlog %4, max lag %5 ms</source>
        <translation>broker    publiés %1, livrés %2, refusés %3, en attente max %4, retard max %5 ms</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>(seed %1)</source>
        <translation>(graine %1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>change</source>
        <translation>écart</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>throughput (rps)</source>
        <translation>débit (req/s)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+22"/>
        <source>failed (%)</source>
        <translation>échecs (%)</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>latency mean (ms)</source>
        <translation>latence moyenne (ms)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>latency p50 (ms)</source>
        <translation>latence p50 (ms)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>latency p95 (ms)</source>
        <translation>latence p95 (ms)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>latency p99 (ms)</source>
        <translation>latence p99 (ms)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cores (mean)</source>
        <translation>cœurs (moyenne)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>broker max backlog</source>
        <translation>broker, en attente max</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>broker max lag (ms)</source>
        <translation>broker, retard max (ms)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>utilization (%)</source>
        <translation>taux d&apos;utilisation (%)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>all sync</source>
        <translation>synchrone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>all async</source>
        <translation>asynchrone</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ok</source>
        <translation>vérifiée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>FAILED</source>
        <translation>ÉCHEC</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>claims</source>
        <translation>affirmations</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>questions</source>
        <translation>questions</translation>
    </message>
</context>
</TS>
