<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>ActionCatalog</name>
    <message>
        <location filename="../common/action_catalog.cpp" line="+30"/>
        <source>Kill</source>
        <translation>Tuer</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Restart</source>
        <translation>Redémarrer</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+16"/>
        <source>Slow ×%1</source>
        <translation>Ralentir ×%1</translation>
    </message>
    <message>
        <location line="-11"/>
        <location line="+17"/>
        <source>Normal speed</source>
        <translation>Vitesse normale</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Add replica</source>
        <translation>Ajouter une réplique</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remove replica</source>
        <translation>Retirer une réplique</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Errors %1 %</source>
        <translation>Erreurs %1&#xa0;%</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Errors off</source>
        <translation>Sans erreurs</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Crash</source>
        <translation>Faire planter</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Crash module (the whole %1 goes)</source>
        <translation>Faire planter le module (tout %1 tombe)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Restart all</source>
        <translation>Tout redémarrer</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Rolling update</source>
        <translation>Mise à jour progressive</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Autoscaler</source>
        <translation>Échelle auto</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Fail node</source>
        <translation>Panne de nœud</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Recover node</source>
        <translation>Rétablir le nœud</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>All calls synchronous</source>
        <translation>Tous les appels synchrones</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All calls asynchronous</source>
        <translation>Tous les appels asynchrones</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Synchronous</source>
        <translation>Synchrone</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Asynchronous</source>
        <translation>Asynchrone</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Outage %1 s</source>
        <translation>Panne de %1 s</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Outage until recovered</source>
        <translation>Panne jusqu&apos;au rétablissement</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Recover</source>
        <translation>Rétablir</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Load %1 rps</source>
        <translation>Charge %1 req/s</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Timeouts</source>
        <translation>Délais max</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Retries</source>
        <translation>Relances</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Breakers</source>
        <translation>Disjoncteurs</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Add latency %1 ms ± %2 ms for %3 s</source>
        <translation>Ajouter %1 ms ± %2 ms de latence pendant %3 s</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Lose %1 % of messages for %2 s</source>
        <translation>Perdre %1&#xa0;% des messages pendant %2 s</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Blackhole for %1 s</source>
        <translation>Trou noir pendant %1 s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pause for %1 s</source>
        <translation>Geler pendant %1 s</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fail the next %1 requests</source>
        <translation>Faire échouer les %1 prochaines requêtes</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Reset all faults</source>
        <translation>Lever toutes les pannes</translation>
    </message>
</context>
<context>
    <name>Course</name>
    <message>
        <location filename="../course/course.cpp" line="+174"/>
        <source>%1 min</source>
        <translation>%1&#xa0;min</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 h %2 min</source>
        <translation>%1&#xa0;h&#xa0;%2&#xa0;min</translation>
    </message>
</context>
<context>
    <name>GuiMain</name>
    <message>
        <location filename="../gui/main.cpp" line="+67"/>
        <source>See a cluster of microservices at work.</source>
        <translation>Voir une grappe de microservices à l&apos;œuvre.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A scenario file (default: the bundled lesson).</source>
        <translation>Un fichier de scénario (par défaut&#xa0;: la leçon fournie).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>[FILE.json]</source>
        <translation>[FICHIER.json]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start running at once.</source>
        <translation>Lancer l&apos;exécution dès l&apos;ouverture.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cluster seconds per real second, one of 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 50, 100, or 0 for as fast as possible (other values snap to the nearest).</source>
        <translation>Secondes de la grappe par seconde réelle, parmi 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 50, 100, ou 0 pour aller aussi vite que possible (une autre valeur est ramenée à la plus proche).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>factor</source>
        <translation>facteur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start in presenter mode (full screen, large type).</source>
        <translation>Démarrer en mode présentation (plein écran, gros caractères).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Also open a comparison: %1.</source>
        <translation>Ouvrir aussi une comparaison&#xa0;: %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>variant</source>
        <translation>variante</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Follow a live cluster instead of a scenario: a connection file (written by clusterscope-cli launch or clusterscope-hub) or a hub endpoint tcp://HOST:PORT.</source>
        <translation>Suivre une grappe réelle au lieu d&apos;un scénario&#xa0;: un fichier de connexion (écrit par clusterscope-cli launch ou clusterscope-hub) ou l&apos;adresse d&apos;un hub tcp://HÔTE:PORT.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>file-or-endpoint</source>
        <translation>fichier-ou-adresse</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run the scenario on real local processes (a hub, one agent per replica, the broker and the load generator) instead of simulating it.</source>
        <translation>Exécuter le scénario sur de vrais processus locaux (un hub, un agent par réplique, le broker et le générateur de charge) au lieu de le simuler.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The interface&apos;s language, en or fr, for this run only (default: the one chosen in View &gt; Language, else the system&apos;s).</source>
        <translation>La langue de l&apos;interface, en ou fr, pour cette exécution seulement (par défaut&#xa0;: celle choisie dans Affichage &gt; Langue, sinon celle du système).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>clusterscope: --lang takes en or fr</source>
        <translation>clusterscope&#xa0;: --lang prend en ou fr</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>clusterscope: --speed must be a number from 0 to 10000</source>
        <translation>clusterscope&#xa0;: --speed doit être un nombre de 0 à 10000</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>clusterscope: --compare takes one of: %1</source>
        <translation>clusterscope&#xa0;: --compare prend l&apos;une des valeurs&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>clusterscope: open one scenario at a time</source>
        <translation>clusterscope&#xa0;: ouvrez un seul scénario à la fois</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>clusterscope: --connect follows a live cluster: give no scenario and no --compare with it</source>
        <translation>clusterscope&#xa0;: --connect suit une grappe réelle&#xa0;: ne donnez avec lui ni scénario ni --compare</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>clusterscope: --live runs the scenario on real processes, in real time: give no --connect, --compare, --run or --speed with it</source>
        <translation>clusterscope&#xa0;: --live exécute le scénario sur de vrais processus, en temps réel&#xa0;: ne donnez avec lui ni --connect, ni --compare, ni --run, ni --speed</translation>
    </message>
</context>
<context>
    <name>LiveConnection</name>
    <message>
        <location filename="../live/live_connection.cpp" line="+29"/>
        <source>%1: no such connection file (start a cluster with clusterscope-cli launch, or a clusterscope-hub, first)</source>
        <translation>%1&#xa0;: ce fichier de connexion n&apos;existe pas (démarrez d&apos;abord une grappe avec clusterscope-cli launch, ou un clusterscope-hub)</translation>
    </message>
</context>
<context>
    <name>LiveMonitorText</name>
    <message>
        <location filename="../live/live_monitor.cpp" line="+119"/>
        <source>The hub&apos;s plan carries a scenario that is not valid, so its lesson shows without questions: %1</source>
        <translation>Le plan transmis par le hub contient un scénario non valide&#xa0;: la leçon s&apos;affiche donc sans ses questions. %1</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>no news from the hub at %1 for %2 s; reconnecting</source>
        <translation>aucune nouvelle du hub %1 depuis %2 s&#x202f;; reconnexion</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>connecting to %1</source>
        <translation>connexion à %1</translation>
    </message>
</context>
<context>
    <name>ModelText</name>
    <message>
        <location filename="../common/model_text.cpp" line="+34"/>
        <source>pending</source>
        <translation>en attente</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>starting</source>
        <translation>démarrage</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ready</source>
        <translation>prête</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>draining</source>
        <translation>en vidange</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>down</source>
        <translation>arrêtée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>removed</source>
        <translation>retirée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>suspect</source>
        <translation>suspecte</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>sync</source>
        <translation>synchrone</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>async</source>
        <translation>asynchrone</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>closed</source>
        <comment>circuit breaker</comment>
        <translation>fermé</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>open</source>
        <comment>circuit breaker</comment>
        <translation>ouvert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>half-open</source>
        <comment>circuit breaker</comment>
        <translation>semi-ouvert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>none</source>
        <comment>circuit breaker</comment>
        <translation>aucun</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>none</source>
        <comment>failure cause</comment>
        <translation>aucune</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>timeout</source>
        <translation>délai dépassé</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>queue full</source>
        <translation>file pleine</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>error</source>
        <translation>erreur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no replica</source>
        <translation>aucune réplique</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>circuit open</source>
        <translation>disjoncteur ouvert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>bulkhead full</source>
        <translation>cloison pleine</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>crashed</source>
        <translation>plantage</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>broker rejected</source>
        <translation>refus du broker</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>too deep</source>
        <translation>chaîne trop profonde</translation>
    </message>
    <message>
        <location line="+8"/>
        <source> for %1 s</source>
        <translation> pendant %1 s</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>killed %1</source>
        <translation>%1 tuée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>restarted %1</source>
        <comment>a replica</comment>
        <translation>%1 redémarrée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>crashed %1</source>
        <translation>%1 plantée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>restarted %1</source>
        <comment>a service</comment>
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
        <location line="+2"/>
        <location line="+3"/>
        <source>normal speed %1</source>
        <translation>%1 à vitesse normale</translation>
    </message>
    <message>
        <location line="-2"/>
        <location line="+3"/>
        <source>slowed x%1 %2</source>
        <translation>%2 ralenti ×%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 errors %2%</source>
        <translation>%1&#xa0;: %2&#xa0;% d&apos;erreurs</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>partitioned %1 | %2</source>
        <translation>partition %1 | %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>healed %1 | %2</source>
        <translation>partition levée %1 | %2</translation>
    </message>
    <message>
        <location line="+2"/>
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
        <location line="+2"/>
        <source>all calls %1</source>
        <translation>tous les appels en %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1-&gt;%2 %3</source>
        <translation>%1-&gt;%2 en %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>rate %1 rps</source>
        <translation>débit d&apos;arrivée %1 req/s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>rolling update %1</source>
        <translation>mise à jour progressive de %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>resilience:</source>
        <translation>résilience&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>timeouts on</source>
        <translation>délais d&apos;attente activés</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>timeouts off</source>
        <translation>délais d&apos;attente désactivés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>retries on</source>
        <translation>relances activées</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>retries off</source>
        <translation>relances désactivées</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>breaker on</source>
        <translation>disjoncteur activé</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>breaker off</source>
        <translation>disjoncteur désactivé</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>autoscaler on</source>
        <translation>mise à l&apos;échelle auto activée</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>autoscaler off</source>
        <translation>mise à l&apos;échelle auto désactivée</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>+%1 ms on %2</source>
        <translation>+%1 ms sur %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>lost %1% on %2</source>
        <translation>%1&#xa0;% de pertes sur %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>blackholed %1</source>
        <translation>trou noir sur %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>paused %1</source>
        <translation>%1 gelé</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>failed the next %n on %1</source>
        <translation>
            <numerusform>échec de la prochaine requête sur %1</numerusform>
            <numerusform>échec des %n prochaines requêtes sur %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>faults reset</source>
        <translation>pannes levées</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../panels/control_bar.cpp" line="+22"/>
        <source>max</source>
        <translation>max</translation>
    </message>
</context>
<context>
    <name>QuestionText</name>
    <message>
        <location filename="../panels/question_text.cpp" line="+39"/>
        <source>mean latency</source>
        <translation>latence moyenne</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>max latency</source>
        <translation>latence maximale</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>failed ratio</source>
        <translation>taux d&apos;échec</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>throughput</source>
        <translation>débit</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>end-to-end %1</source>
        <comment>a statistic of the whole requests</comment>
        <translation>%1 de bout en bout</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 %2</source>
        <comment>a service, then a statistic of it: catalog p95</comment>
        <translation>%2 de %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 s</source>
        <translation>%1&#xa0;s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 ms</source>
        <translation>%1&#xa0;ms</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 %</source>
        <translation>%1&#xa0;%</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 rps</source>
        <translation>%1&#xa0;req/s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 cores</source>
        <translation>%1&#xa0;cœurs</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: no figure was measured in the window</source>
        <translation>%1&#xa0;: aucune mesure dans la fenêtre</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 went from %2 to %3</source>
        <translation>%1 est passé de %2 à %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 was %2</source>
        <translation>%1 valait %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: no choice matches</source>
        <translation>%1&#xa0;: aucune réponse ne correspond</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: answer %2</source>
        <translation>%1&#xa0;: réponse %2</translation>
    </message>
</context>
<context>
    <name>TheoryLabels</name>
    <message>
        <location filename="../common/theory_labels.cpp" line="+29"/>
        <source>closed workload: users wait for answers, so arrivals depend on the latency</source>
        <translation>charge fermée&#xa0;: les utilisateurs attendent les réponses, donc les arrivées dépendent de la latence</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>arrivals are evenly spaced, not Poisson</source>
        <translation>les arrivées sont régulièrement espacées, pas poissonniennes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a monolith: its modules share one worker</source>
        <translation>un monolithe&#xa0;: ses modules partagent un même worker</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it makes sync calls: its time includes the wait for what it calls</source>
        <translation>il fait des appels synchrones&#xa0;: son temps inclut l&apos;attente de ceux qu&apos;il appelle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it takes messages from the broker, which wait in a shared backlog</source>
        <translation>il consomme des messages du broker, qui attendent dans une file partagée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no ready replica</source>
        <translation>aucune réplique prête</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>its replicas run at different speeds</source>
        <translation>ses répliques tournent à des vitesses différentes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>several workers with a service time that is not exponential</source>
        <translation>plusieurs workers avec un temps de service non exponentiel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>saturated (utilisation %1): the queue grows without bound</source>
        <translation>saturé (utilisation %1)&#xa0;: la file d&apos;attente grandit sans limite</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>its finite queue is full %1 % of the time</source>
        <translation>sa file bornée est pleine %1&#xa0;% du temps</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not in the scenario</source>
        <translation>absent du scénario</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>approximate: its arrivals come through other services or are split over replicas</source>
        <translation>approché&#xa0;: ses arrivées passent par d&apos;autres services ou sont réparties entre répliques</translation>
    </message>
</context>
<context>
    <name>Topology</name>
    <message>
        <location filename="../topology/topology_broker_item.cpp" line="+31"/>
        <source>%1 waiting</source>
        <translation>%1 en attente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> · lag %1</source>
        <translation> · retard %1</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>broker</source>
        <translation>broker</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../topology/topology_node_item.cpp" line="+85"/>
        <source>DOWN</source>
        <translation>EN PANNE</translation>
    </message>
    <message>
        <location filename="../topology/topology_edge_item.cpp" line="+55"/>
        <source>8888 rps · half-open</source>
        <comment>the widest edge label, to size it</comment>
        <translation>8888 req/s · semi-ouvert</translation>
    </message>
    <message>
        <location line="+28"/>
        <source> · open</source>
        <translation> · ouvert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> · half-open</source>
        <translation> · semi-ouvert</translation>
    </message>
    <message>
        <location filename="../topology/topology_format.cpp" line="+9"/>
        <location line="+1"/>
        <location line="+1"/>
        <source>%1 rps</source>
        <translation>%1 req/s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1k rps</source>
        <translation>%1k req/s</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+1"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+1"/>
        <source>%1 %</source>
        <translation>%1&#xa0;%</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1k</source>
        <translation>%1k</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1M</source>
        <translation>%1M</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 · p95 %2 · %3</source>
        <translation>%1 · p95 %2 · %3</translation>
    </message>
    <message>
        <location filename="../topology/topology_legend.cpp" line="+22"/>
        <source>idle</source>
        <translation>libre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>busy</source>
        <translation>occupée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>slow</source>
        <translation>lente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>starting</source>
        <translation>démarre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>down</source>
        <translation>arrêtée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sync call</source>
        <translation>appel sync.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>async call</source>
        <translation>appel async.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>traffic (×10 = 3 more dots)</source>
        <translation>trafic (×10 = +3 points)</translation>
    </message>
    <message>
        <location filename="../topology/topology_module_item.cpp" line="+29"/>
        <source>err %1</source>
        <translation>err. %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>injected %1</source>
        <translation>injectées %1</translation>
    </message>
    <message>
        <location filename="../topology/topology_node_item.cpp" line="-61"/>
        <source>%1/%2 cores</source>
        <translation>%1/%2 cœurs</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n replicas</source>
        <translation>
            <numerusform>%n réplique</numerusform>
            <numerusform>%n répliques</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../topology/topology_partition_item.cpp" line="+63"/>
        <source>partitioned</source>
        <translation>partitionné</translation>
    </message>
    <message>
        <location filename="../topology/topology_scene.cpp" line="+160"/>
        <source>clients</source>
        <translation>clients</translation>
    </message>
    <message>
        <location filename="../topology/topology_service_item.cpp" line="+42"/>
        <source>monolith: %1 modules in one process</source>
        <translation>monolithe&#xa0;: %1 modules dans un processus</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>util %1 · %2</source>
        <translation>util. %1 · %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> · err %1</source>
        <translation> · err. %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> · backlog %1</source>
        <translation> · en attente %1</translation>
    </message>
    <message>
        <location filename="../topology/topology_tooltip.cpp" line="+19"/>
        <source>%1 in, %2 done&lt;br&gt;p50 %3 · p95 %4 · p99 %5</source>
        <translation>%1 entrées, %2 traitées&lt;br&gt;p50 %3 · p95 %4 · p99 %5</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;br&gt;failed %1</source>
        <translation>&lt;br&gt;échecs %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> · injected errors %1</source>
        <translation> · erreurs injectées %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>not placed</source>
        <translation>non placée</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&lt;br&gt;%1 on %2&lt;br&gt;%3/%4 workers busy · %5 queued</source>
        <translation>&lt;br&gt;%1 sur %2&lt;br&gt;%3/%4 workers occupés · %5 en file</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&lt;br&gt;slowed ×%1</source>
        <translation>&lt;br&gt;ralentie ×%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;br&gt;%1, not in the plan (started by hand)</source>
        <translation>&lt;br&gt;%1, hors du plan (démarré à la main)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>an agent</source>
        <translation>un agent</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&lt;br&gt;monolith: %1 modules in one process</source>
        <translation>&lt;br&gt;monolithe&#xa0;: %1 modules dans un processus</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&lt;br&gt;%1 ready of %2 wanted · %3 workers each · utilisation %4</source>
        <translation>&lt;br&gt;%1 prêtes sur %2 voulues · %3 workers chacune · utilisation %4</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&lt;br&gt;%1 messages waiting in the broker</source>
        <translation>&lt;br&gt;%1 messages en attente dans le broker</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;br&gt;autoscaler on</source>
        <translation>&lt;br&gt;mise à l&apos;échelle auto activée</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&lt;br&gt;autoscaler off</source>
        <translation>&lt;br&gt;mise à l&apos;échelle auto désactivée</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>, module of %1</source>
        <translation>, module de %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source> (asynchronous, through the broker)</source>
        <translation> (asynchrone, par le broker)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> (synchronous: the caller waits)</source>
        <translation> (synchrone&#xa0;: l&apos;appelant attend)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;br&gt;%1 · p95 %2 · errors %3 · %4 in flight</source>
        <translation>&lt;br&gt;%1 · p95 %2 · erreurs %3 · %4 en cours</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;br&gt;circuit breaker open</source>
        <translation>&lt;br&gt;disjoncteur ouvert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;br&gt;circuit breaker half-open</source>
        <translation>&lt;br&gt;disjoncteur semi-ouvert</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+10"/>
        <source> &lt;b&gt;down&lt;/b&gt;</source>
        <translation> &lt;b&gt;en panne&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>&lt;br&gt;%1 of %2 cores reserved · %3 replicas</source>
        <translation>&lt;br&gt;%1 cœurs réservés sur %2 · %3 répliques</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&lt;b&gt;broker&lt;/b&gt;</source>
        <translation>&lt;b&gt;broker&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;br&gt;%1 messages waiting · lag %2</source>
        <translation>&lt;br&gt;%1 messages en attente · retard %2</translation>
    </message>
</context>
<context>
    <name>TopologyMenuText</name>
    <message>
        <location filename="../topology/topology_menu.cpp" line="+54"/>
        <source>Faults</source>
        <translation>Pannes</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Service %1</source>
        <translation>Service %1</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Heal partition with</source>
        <translation>Lever la partition avec</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Partition from</source>
        <translation>Partitionner de</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 (module of %2)</source>
        <translation>%1 (module de %2)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Process %1</source>
        <translation>Processus %1</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>broker</source>
        <translation>broker</translation>
    </message>
</context>
<context>
    <name>clusterscope::app::ChartCanvas</name>
    <message>
        <location filename="../charts/chart_canvas.cpp" line="+19"/>
        <source>Throughput</source>
        <translation>Débit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Latency</source>
        <translation>Latence</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Errors by cause</source>
        <translation>Erreurs par cause</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Queues</source>
        <translation>Files d&apos;attente</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Utilisation</source>
        <translation>Utilisation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Capacity</source>
        <translation>Capacité</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>req/s</source>
        <translation>req/s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>failed/s</source>
        <translation>échecs/s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>tasks</source>
        <translation>tâches</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>busy</source>
        <translation>occupé</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>replicas</source>
        <translation>répliques</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>messages</source>
        <translation>messages</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../charts/chart_source_graphs.cpp" line="+52"/>
        <source>cores</source>
        <translation>cœurs</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>cluster time (s)</source>
        <translation>temps de la grappe (s)</translation>
    </message>
    <message>
        <location line="+177"/>
        <source>%1 (%2)</source>
        <comment>plot title (unit)</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (%2, %3)</source>
        <comment>plot title (units)</comment>
        <translation>%1 (%2, %3)</translation>
    </message>
    <message>
        <location filename="../charts/chart_source_graphs.cpp" line="-22"/>
        <source>completed</source>
        <translation>traitées</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>mean</source>
        <translation>moyenne</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>queued</source>
        <translation>en file</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>broker backlog</source>
        <translation>en attente au broker</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>busy workers</source>
        <translation>workers occupés</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ready replicas</source>
        <translation>répliques prêtes</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>theory</source>
        <translation>théorie</translation>
    </message>
    <message>
        <location line="+31"/>
        <location line="+56"/>
        <source>%1: %2</source>
        <comment>a source: a series</comment>
        <translation>%1&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>clusterscope::app::ChartsPanel</name>
    <message>
        <location filename="../charts/charts_panel.cpp" line="+109"/>
        <source>answer %1</source>
        <translation>réponse %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no answer</source>
        <translation>pas de réponse</translation>
    </message>
    <message>
        <location line="+271"/>
        <source>Could not write the image %1.</source>
        <translation>Impossible d&apos;écrire l&apos;image %1.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>ClusterScope charts</source>
        <translation>Graphiques ClusterScope</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Could not write the document %1.</source>
        <translation>Impossible d&apos;écrire le document %1.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Could not write %1: %2</source>
        <translation>Impossible d&apos;écrire %1&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>PNG image (*.png)</source>
        <translation>Image PNG (*.png)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PDF document (*.pdf)</source>
        <translation>Document PDF (*.pdf)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV file (*.csv)</source>
        <translation>Fichier CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+4"/>
        <source>Export charts</source>
        <translation>Exporter les graphiques</translation>
    </message>
</context>
<context>
    <name>clusterscope::app::ChartsToolbar</name>
    <message>
        <location filename="../charts/charts_toolbar.cpp" line="+20"/>
        <source>Log latency</source>
        <translation>Latence log.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Theory</source>
        <translation>Théorie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the whole cluster (end to end) or one service</source>
        <translation>Montrer toute la grappe (de bout en bout) ou un seul service</translation>
    </message>
    <message>
        <location line="+7"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cluster seconds shown while following the newest data</source>
        <translation>Secondes de la grappe montrées pendant le suivi des données les plus récentes</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Follow</source>
        <translation>Suivre</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keep the newest data in view. Drag or zoom the time axis to look back.</source>
        <translation>Garder les données les plus récentes en vue. Faites glisser ou zoomez l&apos;axe du temps pour revenir en arrière.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>For one service that fits a classic queue (M/M/c, M/D/1, M/G/1): its measured mean latency and, dashed, what queueing theory predicts for the cluster as it is now</source>
        <translation>Pour un service qui suit une file classique (M/M/c, M/D/1, M/G/1)&#xa0;: sa latence moyenne mesurée et, en pointillés, ce que prédit la théorie des files d&apos;attente pour le cluster tel qu&apos;il est</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Image (PNG)…</source>
        <translation>Image (PNG)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Document (PDF)…</source>
        <translation>Document (PDF)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data of this scope (CSV)…</source>
        <translation>Données de ce périmètre (CSV)…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Scope:</source>
        <translation>Périmètre&#xa0;:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Window:</source>
        <translation>Fenêtre&#xa0;:</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>End to end</source>
        <translation>De bout en bout</translation>
    </message>
</context>
<context>
    <name>clusterscope::app::ComparisonWindow</name>
    <message>
        <location filename="../window/comparison_window.cpp" line="+41"/>
        <source>%1 vs %2</source>
        <translation>%1 contre %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Compare: %1</source>
        <translation>Comparer&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Compare: %1 — %2</source>
        <translation>Comparer&#xa0;: %1 — %2</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Lesson</source>
        <translation>Leçon</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Both</source>
        <translation>Les deux</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run both</source>
        <translation>Lancer les deux</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pause both</source>
        <translation>Suspendre les deux</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reset both</source>
        <translation>Réinitialiser les deux</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> Speed </source>
        <translation> Vitesse </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>max</source>
        <translation>max</translation>
    </message>
</context>
<context>
    <name>clusterscope::app::ConnectDialog</name>
    <message>
        <location filename="../window/connect_dialog.cpp" line="+23"/>
        <source>Connect to agents</source>
        <translation>Se connecter aux agents</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A &lt;b&gt;connection file&lt;/b&gt; holds the hub&apos;s address and the keys to command it: &lt;code&gt;clusterscope-cli launch&lt;/code&gt; and &lt;code&gt;clusterscope-hub&lt;/code&gt; write one and print where. A hub&apos;s &lt;b&gt;endpoint&lt;/b&gt; (&lt;code&gt;tcp://host:port&lt;/code&gt;) works too; its keys then come from the default connection file.</source>
        <translation>Un &lt;b&gt;fichier de connexion&lt;/b&gt; contient l&apos;adresse du hub et les clés pour le commander&#xa0;: &lt;code&gt;clusterscope-cli launch&lt;/code&gt; et &lt;code&gt;clusterscope-hub&lt;/code&gt; en écrivent un et disent où. L&apos;&lt;b&gt;adresse&lt;/b&gt; d&apos;un hub (&lt;code&gt;tcp://hôte:port&lt;/code&gt;) convient aussi&#x202f;; ses clés viennent alors du fichier de connexion par défaut.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Connect</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Connection file</source>
        <translation>Fichier de connexion</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connection files (*.json);;All files (*)</source>
        <translation>Fichiers de connexion (*.json);;Tous les fichiers (*)</translation>
    </message>
</context>
<context>
    <name>clusterscope::app::ControlBar</name>
    <message>
        <location filename="../panels/control_bar.cpp" line="+20"/>
        <source>Controls</source>
        <translation>Commandes</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+225"/>
        <source>Run</source>
        <translation>Lancer</translation>
    </message>
    <message>
        <location line="-223"/>
        <source>Run / pause (Space)</source>
        <translation>Lancer / suspendre (Espace)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step</source>
        <translation>Pas</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Advance one metrics interval</source>
        <translation>Avancer d&apos;un intervalle de mesure</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset</source>
        <translation>Réinitialiser</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Back to time 0, paused</source>
        <translation>Retour au temps 0, en pause</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> Speed </source>
        <translation> Vitesse </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cluster seconds per real second (+ / -)</source>
        <translation>Secondes de la grappe par seconde réelle (+ / -)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> Load </source>
        <translation> Charge </translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+148"/>
        <source>Arrival rate, as a share of the scenario&apos;s</source>
        <translation>Débit d&apos;arrivée, en part de celui du scénario</translation>
    </message>
    <message>
        <location line="-142"/>
        <location line="+129"/>
        <location line="+52"/>
        <source> %1 rps</source>
        <translation> %1 req/s</translation>
    </message>
    <message>
        <location line="-172"/>
        <source>All async</source>
        <translation>Tout asynchrone</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Kill replica</source>
        <translation>Tuer une réplique</translation>
    </message>
    <message>
        <location line="+30"/>
        <location line="+244"/>
        <source>Fail node</source>
        <translation>Panne de nœud</translation>
    </message>
    <message>
        <location line="-182"/>
        <location line="+45"/>
        <source>Switch every call between services to asynchronous (on) or synchronous (off)</source>
        <translation>Passer tous les appels entre services en asynchrone (activé) ou en synchrone (désactivé)</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>Switch this resilience policy on or off</source>
        <translation>Activer ou désactiver ce mécanisme de résilience</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>This cluster&apos;s load has no arrival rate to scale</source>
        <translation>La charge de cette grappe n&apos;a pas de débit d&apos;arrivée à faire varier</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Switch the autoscaler of every autoscaled service</source>
        <translation>Activer ou désactiver la mise à l&apos;échelle automatique de tous les services concernés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No service of this cluster is autoscaled</source>
        <translation>Aucun service de cette grappe n&apos;a de mise à l&apos;échelle automatique</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>Select a service or a replica in the topology first</source>
        <translation>Sélectionnez d&apos;abord un service ou une réplique dans la topologie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kill a replica of %1</source>
        <translation>Tuer une réplique de %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Make %1 %2 times slower</source>
        <translation>Rendre %1 %2 fois plus lent</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Make %1 % of %2&apos;s requests fail</source>
        <translation>Faire échouer %1&#xa0;% des requêtes de %2</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Recover node</source>
        <translation>Rétablir le nœud</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Node %1</source>
        <translation>Nœud %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a node (or a replica on it) first</source>
        <translation>Sélectionnez d&apos;abord un nœud (ou une réplique qu&apos;il héberge)</translation>
    </message>
</context>
<context>
    <name>clusterscope::app::DetailsPanel</name>
    <message>
        <location filename="../panels/details_panel.cpp" line="+23"/>
        <source>%1 %</source>
        <translation>%1&#xa0;%</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>&lt;p style=&apos;color:gray&apos;&gt;No cluster yet.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:gray&apos;&gt;Pas encore de grappe.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Cluster</source>
        <translation>Grappe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>time</source>
        <translation>temps</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+150"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="-149"/>
        <source>services</source>
        <translation>services</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+30"/>
        <location line="+110"/>
        <source>replicas</source>
        <translation>répliques</translation>
    </message>
    <message>
        <location line="-140"/>
        <source>cores</source>
        <translation>cœurs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>throughput</source>
        <translation>débit</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+117"/>
        <source>%1 rps</source>
        <translation>%1 req/s</translation>
    </message>
    <message>
        <location line="-116"/>
        <source>latency p50 / p95 / p99</source>
        <translation>latence p50 / p95 / p99</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 / %2 / %3 ms</source>
        <translation>%1 / %2 / %3 ms</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>en échec</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+115"/>
        <source>in flight</source>
        <translation>en cours</translation>
    </message>
    <message>
        <location line="-114"/>
        <source>events</source>
        <translation>événements</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;p style=&apos;color:gray&apos;&gt;Click a service, a replica, a call or a node for its details.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:gray&apos;&gt;Cliquez sur un service, une réplique, un appel ou un nœud pour en voir le détail.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 %2</source>
        <comment>a count of replicas, their state</comment>
        <translation>%2&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> (desired %1)</source>
        <translation> (voulues&#xa0;: %1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>workers</source>
        <translation>workers</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 busy of %2 per replica</source>
        <translation>%1 occupés sur %2 par réplique</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+72"/>
        <source>queued</source>
        <translation>en file</translation>
    </message>
    <message>
        <location line="-71"/>
        <location line="+34"/>
        <location line="+6"/>
        <source>utilisation</source>
        <translation>taux d&apos;utilisation</translation>
    </message>
    <message>
        <location line="-39"/>
        <source>broker backlog</source>
        <translation>en attente au broker</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>language</source>
        <translation>langage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>autoscaler</source>
        <translation>mise à l&apos;échelle auto</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>on</source>
        <translation>activée</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>off</source>
        <translation>désactivée</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>module %1</source>
        <translation>module %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>traffic</source>
        <translation>trafic</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 rps, p95 %2 ms, %3 failed</source>
        <translation>%1 req/s, p95 %2 ms, %3 en échec</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>injected errors</source>
        <translation>erreurs injectées</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> (monolith)</source>
        <translation> (monolithe)</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+1"/>
        <source>queueing theory</source>
        <translation>théorie des files d&apos;attente</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>no formula: %1</source>
        <translation>pas de formule&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>theory %1 ms, measured %2 ms over the last %3 s</source>
        <translation>théorie %1&#xa0;ms, mesuré %2&#xa0;ms sur les %3 dernières secondes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>theory %1 ms, nothing completed in the last %2 s</source>
        <translation>théorie %1&#xa0;ms, rien de terminé dans les %2 dernières secondes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>theory %1, measured %2 over the last %3 s</source>
        <translation>théorie %1, mesuré %2 sur les %3 dernières secondes</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>theory %1 ms, not measured yet under this prediction</source>
        <translation>théorie %1&#xa0;ms, pas encore de mesure pour cette prédiction</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>theory %1, not measured yet under this prediction</source>
        <translation>théorie %1, pas encore de mesure pour cette prédiction</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>theory %1 / %2 / %3 ms, measured %4 / %5 / %6 ms in the last interval (%7 s)</source>
        <translation>théorie %1 / %2 / %3&#xa0;ms, mesuré %4 / %5 / %6&#xa0;ms sur le dernier intervalle (%7&#xa0;s)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>theory %1 / %2 / %3 ms, measured %4 / %5 / %6 ms in the last interval</source>
        <translation>théorie %1 / %2 / %3&#xa0;ms, mesuré %4 / %5 / %6&#xa0;ms sur le dernier intervalle</translation>
    </message>
    <message>
        <location line="-24"/>
        <location line="+9"/>
        <source>mean latency</source>
        <translation>latence moyenne</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>p50 / p95 / p99</source>
        <translation>p50 / p95 / p99</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+37"/>
        <location line="+11"/>
        <source>state</source>
        <translation>état</translation>
    </message>
    <message>
        <location line="-47"/>
        <source>node</source>
        <translation>nœud</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not placed</source>
        <translation>non placée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>busy workers</source>
        <translation>workers occupés</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>slowed</source>
        <translation>ralentie</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;p&gt;This replica is gone.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Cette réplique n&apos;existe plus.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>mode</source>
        <translation>mode</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>in-process call</source>
        <translation>appel dans le processus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rate</source>
        <translation>débit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>p95</source>
        <translation>p95</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>errors</source>
        <translation>erreurs</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>circuit breaker</source>
        <translation>disjoncteur</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>node %1</source>
        <translation>nœud %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+11"/>
        <source>up</source>
        <translation>en marche</translation>
    </message>
    <message>
        <location line="-11"/>
        <location line="+11"/>
        <source>down</source>
        <translation>arrêtée</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>cores used</source>
        <translation>cœurs utilisés</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>unlimited</source>
        <translation>illimités</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Broker</source>
        <translation>Broker</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>backlog</source>
        <translation>en attente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>oldest message</source>
        <translation>message le plus ancien</translation>
    </message>
</context>
<context>
    <name>clusterscope::app::EventLog</name>
    <message>
        <location filename="../panels/event_log.cpp" line="+18"/>
        <source>Time</source>
        <translation>Temps</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 started</source>
        <translation>%1 démarré</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cluster started</source>
        <translation>grappe démarrée</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the cluster changed shape</source>
        <translation>la grappe a changé de forme</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>refused %1: %2</source>
        <translation>refusé %1&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>run finished</source>
        <translation>exécution terminée</translation>
    </message>
</context>
<context>
    <name>clusterscope::app::LessonPanel</name>
    <message>
        <location filename="../panels/lesson_panel.cpp" line="+34"/>
        <source>Continue (Page Down)</source>
        <translation>Continuer (Page suivante)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous</source>
        <translation>Précédent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next (N)</source>
        <translation>Suivant (N)</translation>
    </message>
    <message>
        <location line="+115"/>
        <source>This cluster runs in real time: each step shows when its time comes. Next and Previous browse them.</source>
        <translation>Cette grappe tourne en temps réel&#xa0;: chaque étape s&apos;affiche le moment venu. Suivant et Précédent permettent de les parcourir.</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>&amp;Previous step</source>
        <translation>Étape &amp;précédente</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Next</source>
        <translation>&amp;Suivant</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>no lesson</source>
        <translation>pas de leçon</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;p style=&apos;color:gray&apos;&gt;This scenario has no lesson steps. Its description is in File ▸ Scenario information.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:gray&apos;&gt;Ce scénario n&apos;a pas d&apos;étapes de leçon. Sa description est dans Fichier ▸ Informations sur le scénario.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>– / %1</source>
        <translation>– / %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;p style=&apos;color:gray&apos;&gt;The first step starts at %1 s.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:gray&apos;&gt;La première étape commence à %1 s.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 / %2  ·  %3 s</source>
        <translation>%1 / %2  ·  %3 s</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>The room chose %1: right.</source>
        <translation>La salle a choisi %1&#xa0;: juste.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The room chose %1: wrong.</source>
        <translation>La salle a choisi %1&#xa0;: faux.</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>The measured figure is not available on this cluster: the room can discuss the charts instead.</source>
        <translation>La mesure n&apos;est pas disponible sur ce cluster&#xa0;: la salle peut discuter des graphiques à la place.</translation>
    </message>
</context>
<context>
    <name>clusterscope::app::LessonsDialog</name>
    <message>
        <location filename="../course/lessons_dialog.cpp" line="+23"/>
        <source>Lessons</source>
        <translation>Leçons</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The course, in teaching order. Each lesson runs a scenario; many ask the room to predict what will happen before the run shows it.</source>
        <translation>Le cours, dans l&apos;ordre où on l&apos;enseigne. Chaque leçon exécute un scénario&#x202f;; beaucoup demandent à la salle de prédire ce qui va se passer avant que l&apos;exécution ne le montre.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Lesson</source>
        <translation>Leçon</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Length</source>
        <translation>Durée</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What it shows</source>
        <translation>Ce qu’elle montre</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Show the lessons when ClusterScope starts without a file</source>
        <translation>Afficher les leçons quand ClusterScope démarre sans fichier</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Open lesson</source>
        <translation>&amp;Ouvrir la leçon</translation>
    </message>
    <message numerus="yes">
        <location line="+51"/>
        <source>%n question(s) for the room</source>
        <translation>
            <numerusform>%n question pour la salle</numerusform>
            <numerusform>%n questions pour la salle</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>two scenarios side by side</source>
        <translation>deux scénarios côte à côte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>runs on real processes on this machine</source>
        <translation>s&apos;exécute sur de vrais processus de cette machine</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the simulation beside real processes on this machine</source>
        <translation>la simulation à côté de vrais processus de cette machine</translation>
    </message>
</context>
<context>
    <name>clusterscope::app::LiveBackend</name>
    <message>
        <location filename="../live/live_backend.cpp" line="+210"/>
        <source>this run has ended: its processes are gone</source>
        <translation>cette exécution est terminée&#xa0;: ses processus n&apos;existent plus</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>this hub runs without keys: it can be watched, not changed</source>
        <translation>ce hub fonctionne sans clés&#xa0;: on peut l&apos;observer, pas le modifier</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no launcher in this cluster: only the launcher that started its processes can start or stop them</source>
        <translation>pas de lanceur dans cette grappe&#xa0;: seul le lanceur qui a démarré ses processus peut les démarrer ou les arrêter</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>no broker in this cluster: asynchronous calls need one (a scenario with an asynchronous call or a broker section starts one)</source>
        <translation>pas de broker dans cette grappe&#xa0;: les appels asynchrones en ont besoin (un scénario avec un appel asynchrone ou une section broker en démarre un)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>a live cluster has no autoscaler</source>
        <translation>une grappe réelle n&apos;a pas de mise à l&apos;échelle automatique</translation>
    </message>
</context>
<context>
    <name>clusterscope::app::MainWindow</name>
    <message>
        <location filename="../window/main_window.cpp" line="+38"/>
        <location line="+36"/>
        <location line="+5"/>
        <source>ClusterScope</source>
        <translation>ClusterScope</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>cluster</source>
        <translation>grappe</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../window/main_window_live.cpp" line="+26"/>
        <source>%1 — ClusterScope</source>
        <translation>%1 — ClusterScope</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loaded %1</source>
        <translation>%1 chargé</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not done: %1</source>
        <translation>Non effectué&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Charts</source>
        <translation>Graphiques</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../window/main_window_course.cpp" line="+58"/>
        <source>Lesson</source>
        <translation>Leçon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Event log</source>
        <translation>Journal des événements</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Cannot open scenario</source>
        <translation>Impossible d&apos;ouvrir le scénario</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is not a valid scenario. The current one keeps running.</source>
        <translation>%1 n&apos;est pas un scénario valide. Le scénario en cours continue.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>
… %1 more</source>
        <translation>
… et %1 de plus</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>no simulated session to save</source>
        <translation>aucune session simulée à enregistrer</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save session</source>
        <translation>Enregistrer la session</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d&apos;écrire %1&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Session saved to %1</source>
        <translation>Session enregistrée dans %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Open scenario</source>
        <translation>Ouvrir un scénario</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scenarios (*.json);;All files (*)</source>
        <translation>Scénarios (*.json);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Save session as scenario</source>
        <translation>Enregistrer la session comme scénario</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../window/main_window_menus.cpp" line="+181"/>
        <source>Scenarios (*.json)</source>
        <translation>Scénarios (*.json)</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Export charts</source>
        <translation>Exporter les graphiques</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Exported %1</source>
        <translation>%1 exporté</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Could not write %1</source>
        <translation>Impossible d&apos;écrire %1</translation>
    </message>
    <message>
        <location filename="../window/main_window_live.cpp" line="-6"/>
        <source>Connect to agents</source>
        <translation>Se connecter aux agents</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cannot follow %1.</source>
        <translation>Impossible de suivre %1.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Following the cluster at %1</source>
        <translation>Suivi de la grappe à %1</translation>
    </message>
    <message>
        <location line="+27"/>
        <location line="+10"/>
        <location line="+13"/>
        <location line="+60"/>
        <source>Run on real agents</source>
        <translation>Exécuter sur de vrais agents</translation>
    </message>
    <message>
        <location line="-83"/>
        <source>Cannot start the cluster&apos;s processes.</source>
        <translation>Impossible de démarrer les processus de la grappe.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cannot follow the processes just started.</source>
        <translation>Impossible de suivre les processus qui viennent de démarrer.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Starting the processes of %1…</source>
        <translation>Démarrage des processus de %1…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>%1 — real agents — ClusterScope</source>
        <translation>%1 — vrais agents — ClusterScope</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Launch cancelled: stopping its processes</source>
        <translation>Lancement annulé&#xa0;: arrêt de ses processus</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Every process is ready: traffic started</source>
        <translation>Tous les processus sont prêts&#xa0;: le trafic a commencé</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+37"/>
        <source>The run on real agents stopped.</source>
        <translation>L&apos;exécution sur de vrais agents s&apos;est arrêtée.</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>The run on real agents is over; its processes are gone</source>
        <translation>L&apos;exécution sur de vrais agents est finie&#x202f;; ses processus n&apos;existent plus</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>simulation</source>
        <translation>simulation</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>real agents</source>
        <translation>vrais agents</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Simulation vs real agents</source>
        <translation>Simulation contre vrais agents</translation>
    </message>
    <message>
        <location filename="../window/main_window_menus.cpp" line="-154"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Open…</source>
        <translation>&amp;Ouvrir…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open &amp;recent</source>
        <translation>Ouvrir un fichier &amp;récent</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Examples</source>
        <translation>&amp;Exemples</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Connect to agents…</source>
        <translation>Se &amp;connecter aux agents…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Start the open scenario as real local processes (a hub, its agents, broker and load generator) and show them here</source>
        <translation>Démarrer le scénario ouvert sous forme de vrais processus locaux (un hub, ses agents, le broker et le générateur de charge) et les montrer ici</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nodes as network &amp;namespaces</source>
        <translation>Nœuds en espaces de &amp;noms réseau</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Run on real agents puts each node&apos;s agents in a network namespace of its own: failing a node takes its link down, a partition cuts the routes between nodes</source>
        <translation>« Exécuter sur de vrais agents » place les agents de chaque nœud dans leur propre espace de noms réseau&#xa0;: la panne d&apos;un nœud coupe son lien, une partition coupe les routes entre nœuds</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Needs ClusterScope to run as root: making network namespaces needs CAP_NET_ADMIN</source>
        <translation>ClusterScope doit tourner en root&#xa0;: créer des espaces de noms réseau demande CAP_NET_ADMIN</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Save session as scenario…</source>
        <translation>Enregistrer la &amp;session comme scénario…</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Run on real &amp;agents</source>
        <translation>Exécuter sur de &amp;vrais agents</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>E&amp;xport charts</source>
        <translation>E&amp;xporter les graphiques</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Scenario &amp;information</source>
        <translation>&amp;Informations sur le scénario</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cluster</source>
        <translation>Grappe</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No description.</source>
        <translation>Pas de description.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Run</source>
        <translation>E&amp;xécution</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run / pause</source>
        <translation>Lancer / suspendre</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Faster</source>
        <translation>Plus vite</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Slower</source>
        <translation>Moins vite</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>End every fault, slowdown, injected error rate, partition and broker outage in force</source>
        <translation>Lever toutes les pannes, ralentissements, taux d&apos;erreurs injectés, partitions et pannes du broker en cours</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;View</source>
        <translation>Affic&amp;hage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Presenter mode</source>
        <translation>&amp;Mode présentation</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Fit topology</source>
        <translation>A&amp;juster la topologie</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Compare</source>
        <translation>&amp;Comparer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;About ClusterScope</source>
        <translation>À &amp;propos de ClusterScope</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>About ClusterScope</source>
        <translation>À propos de ClusterScope</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;h3&gt;ClusterScope %1&lt;/h3&gt;&lt;p&gt;See a cluster of microservices at work: kill replicas, scale services, switch calls between synchronous and asynchronous, and watch throughput and latency react.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;ClusterScope %1&lt;/h3&gt;&lt;p&gt;Voir une grappe de microservices à l&apos;œuvre&#xa0;: tuez des répliques, changez le nombre de répliques d&apos;un service, faites passer les appels de synchrone à asynchrone, et observez comment réagissent le débit et la latence.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>&amp;Sync vs async</source>
        <translation>&amp;Synchrone ou asynchrone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Circuit breakers &amp;on vs off</source>
        <translation>Disjoncteurs &amp;activés ou non</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Monolith vs microservices</source>
        <translation>&amp;Monolithe ou microservices</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Simulation vs &amp;real agents</source>
        <translation>Simulation ou agents &amp;réels</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The same scenario and seed simulated and on real local processes, side by side in real time; every action goes to both</source>
        <translation>Le même scénario, avec la même graine, simulé et sur de vrais processus locaux, côte à côte en temps réel&#x202f;; chaque action s&apos;applique aux deux</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>With &amp;another file…</source>
        <translation>Avec un autre &amp;fichier…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Compare with</source>
        <translation>Comparer avec</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>current</source>
        <translation>actuel</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;System language</source>
        <translation>Langue du &amp;système</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The new language takes effect when ClusterScope restarts.</source>
        <translation>La nouvelle langue prendra effet au prochain démarrage de ClusterScope.</translation>
    </message>
    <message>
        <location filename="../window/main_window_course.cpp" line="-38"/>
        <source>&amp;Lessons…</source>
        <translation>&amp;Leçons…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The course: every lesson in teaching order</source>
        <translation>Le cours&#xa0;: toutes les leçons dans l&apos;ordre où on les enseigne</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Lesson</source>
        <translation>&amp;Leçon</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Continue after a question, or show the next step (Page Down)</source>
        <translation>Continuer après une question, ou afficher l&apos;étape suivante (Page suivante)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reveal the answer</source>
        <translation>&amp;Révéler la réponse</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show the measured answer to the question</source>
        <translation>Afficher la réponse mesurée à la question</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show &amp;answers as soon as measured</source>
        <translation>Montrer les réponses dès la &amp;mesure</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Off: the panel keeps a measured answer until you reveal it, so the room can argue first</source>
        <translation>Désactivé&#xa0;: le panneau garde la réponse mesurée jusqu&apos;à ce que vous la révéliez, pour que la salle puisse d&apos;abord débattre</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>The lessons cannot be listed</source>
        <translation>Impossible de lister les leçons</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The bundled course has problems.</source>
        <translation>Le cours fourni comporte des erreurs.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No such lesson</source>
        <translation>Leçon inconnue</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The course has no lesson &quot;%1&quot;.</source>
        <translation>Le cours n’a pas de leçon «&#xa0;%1&#xa0;».</translation>
    </message>
</context>
<context>
    <name>clusterscope::app::ScenarioSession</name>
    <message>
        <location filename="../window/scenario_session.cpp" line="+51"/>
        <source>all sync</source>
        <translation>tout synchrone</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>all async</source>
        <translation>tout asynchrone</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>breakers on</source>
        <translation>disjoncteurs activés</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>breakers off</source>
        <translation>disjoncteurs désactivés</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>monolith</source>
        <translation>monolithe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>microservices</source>
        <translation>microservices</translation>
    </message>
</context>
<context>
    <name>clusterscope::app::SimulationBackend</name>
    <message>
        <location filename="../simulation/simulation_backend.cpp" line="+30"/>
        <source>The simulation could not start: %1</source>
        <translation>La simulation n&apos;a pas pu démarrer&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The run stopped early: %1</source>
        <translation>L&apos;exécution s&apos;est arrêtée avant la fin&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>As fast as possible, %1</source>
        <translation>Aussi vite que possible, %1</translation>
    </message>
</context>
<context>
    <name>clusterscope::app::SimulationRunner</name>
    <message>
        <location filename="../simulation/simulation_runner.cpp" line="+97"/>
        <source>No scenario is loaded.</source>
        <translation>Aucun scénario n&apos;est chargé.</translation>
    </message>
</context>
</TS>
