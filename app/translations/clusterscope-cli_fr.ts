<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>CLI11</name>
    <message>
        <location filename="../cli/cli_options.cpp" line="+185"/>
        <source>Usage</source>
        <translation>Utilisation</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>OPTIONS</source>
        <translation>OPTIONS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SUBCOMMAND</source>
        <translation>COMMANDE</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SUBCOMMANDS</source>
        <translation>COMMANDES</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>REQUIRED</source>
        <translation>OBLIGATOIRE</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Positionals</source>
        <translation>Arguments</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Options</source>
        <translation>Options</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Subcommands</source>
        <translation>Commandes</translation>
    </message>
</context>
<context>
    <name>CliText</name>
    <message>
        <location filename="../cli/cli_commands.cpp" line="+41"/>
        <source>%1: ok</source>
        <translation>%1&#xa0;: valide</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1: warning: %2</source>
        <translation>%1&#xa0;: attention&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1: warning: the CSV will take about %2 GB: a longer interval_s or a shorter --duration makes it smaller</source>
        <translation>%1&#xa0;: attention&#xa0;: le CSV occupera environ %2 Go&#x202f;; un interval_s plus long ou une --duration plus courte le réduisent</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>running</source>
        <translation>exécution</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1: claim failed: %2</source>
        <translation>%1&#xa0;: affirmation non vérifiée&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>sync run</source>
        <translation>exécution synchrone</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>async run</source>
        <translation>exécution asynchrone</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>(see clusterscope-cli --help)</source>
        <translation>(voir clusterscope-cli --help)</translation>
    </message>
    <message>
        <location filename="../cli/cli_options.cpp" line="-149"/>
        <source>override the scenario&apos;s seed</source>
        <translation>remplacer la graine du scénario</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>override the simulated duration, in seconds</source>
        <translation>remplacer la durée simulée, en secondes</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>force every call between services to one mode</source>
        <translation>imposer un même mode à tous les appels entre services</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>write the summary as JSON</source>
        <translation>écrire le résumé en JSON</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>write the per-interval time series</source>
        <translation>écrire la série temporelle, intervalle par intervalle</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>no command given</source>
        <translation>aucune commande donnée</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>unknown option &quot;%1&quot;: give a command first</source>
        <translation>option inconnue «&#xa0;%1&#xa0;»&#xa0;: donnez d&apos;abord une commande</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>unknown command &quot;%1&quot;</source>
        <translation>commande inconnue «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 does not apply to %2</source>
        <translation>%1 ne s&apos;applique pas à %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>unknown option &quot;%1&quot;</source>
        <translation>option inconnue «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>keygen takes one directory</source>
        <translation>keygen prend un seul répertoire</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 takes one scenario file, got %2</source>
        <translation>%1 prend un seul fichier de scénario, reçu %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 needs a directory</source>
        <translation>%1 demande un répertoire</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 needs a scenario file</source>
        <translation>%1 demande un fichier de scénario</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 needs a value</source>
        <translation>%1 demande une valeur</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>See a cluster of microservices at work, without a window.

  clusterscope-cli validate FILE...   check scenario files; prints
                                      FILE:LINE:COL: /pointer: problem
  clusterscope-cli run FILE           run a scenario headless and print its summary
  clusterscope-cli compare FILE       run it twice with the same seed, all calls sync
                                      then all async, side by side

Real processes (docs/protocol.md):
  clusterscope-cli launch FILE        run a scenario on real local processes: hub,
                                      broker, agents, load generator
  clusterscope-cli monitor [ENDPOINT] watch a running cluster, refreshed each second
  clusterscope-cli inject [ENDPOINT] ACTION...  send it one action or fault
  clusterscope-cli keygen DIR         write CURVE keys for a hub and its clients</source>
        <translation>Voir une grappe de microservices à l&apos;œuvre, sans fenêtre.

  clusterscope-cli validate FICHIER...  vérifier des fichiers de scénario&#x202f;; affiche
                                        FICHIER:LIGNE:COL: /pointeur: problème
  clusterscope-cli run FICHIER          exécuter un scénario sans fenêtre et afficher
                                        son résumé
  clusterscope-cli compare FICHIER      l&apos;exécuter deux fois avec la même graine, tous
                                        les appels synchrones puis asynchrones, côte à côte

Processus réels (docs/protocol.md)&#xa0;:
  clusterscope-cli launch FICHIER       exécuter un scénario sur de vrais processus
                                        locaux&#xa0;: hub, broker, agents, générateur de charge
  clusterscope-cli monitor [ADRESSE]    observer une grappe en marche, chaque seconde
  clusterscope-cli inject [ADRESSE] ACTION...  lui envoyer une action ou une panne
  clusterscope-cli keygen RÉP           écrire les clés CURVE d&apos;un hub et de ses clients</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>A command&apos;s own options: clusterscope-cli COMMAND --help
Outputs are checked before a run: never the scenario itself, only regular files,
written whole or not at all. A run whose estimated cost is long starts with a
warning on stderr.

exit status: 0 ok, 1 an expect claim or a lesson question failed (inject: the action
was refused or failed; monitor: no hub), 2 invalid input or the run stopped early (it held too much
work, its clock stopped, or its processes could not be started: the reason is on
stderr); launch stopped by a signal before its end: 128 + its number</source>
        <translation>Les options d&apos;une commande&#xa0;: clusterscope-cli COMMANDE --help
Les sorties sont vérifiées avant l&apos;exécution&#xa0;: jamais le scénario lui-même, seulement
des fichiers ordinaires, écrits en entier ou pas du tout. Une exécution dont le coût
estimé est long commence par un avertissement sur stderr.

code de sortie&#xa0;: 0 succès, 1 une affirmation expect ou une question de leçon non vérifiée
(inject&#xa0;: l&apos;action a été refusée ou a échoué&#x202f;; monitor&#xa0;: pas de hub), 2 entrée invalide
ou exécution arrêtée avant la fin (trop de travail en cours, horloge arrêtée, ou processus
impossibles à démarrer&#xa0;: la raison est sur stderr)&#x202f;; launch arrêté par un signal
avant la fin&#xa0;: 128 + son numéro</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Display program version information and exit</source>
        <translation>Afficher la version du programme et quitter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print this help message and exit</source>
        <translation>Afficher cette aide et quitter</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>check scenario files</source>
        <translation>vérifier des fichiers de scénario</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>scenario files</source>
        <translation>fichiers de scénario</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+35"/>
        <source>print nothing but problems</source>
        <translation>n&apos;afficher que les problèmes</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>run a scenario headless and print its summary</source>
        <translation>exécuter un scénario sans fenêtre et afficher son résumé</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+7"/>
        <location line="+7"/>
        <source>the scenario</source>
        <translation>le scénario</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>run a scenario twice, all calls sync then all async, side by side</source>
        <translation>exécuter un scénario deux fois, tous les appels synchrones puis asynchrones, côte à côte</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>run a scenario on real local processes and print the same summary as run</source>
        <translation>exécuter un scénario sur de vrais processus locaux et afficher le même résumé que run</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>how long traffic runs, in seconds</source>
        <translation>durée du trafic, en secondes</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Starts a hub, a broker if the scenario needs one, one agent per replica on the
scenario&apos;s nodes, and the load generator once every one is ready; applies the
timeline in real time; writes the same summary JSON and CSV as run and checks the
expect claims against the real cluster. Ctrl-C or SIGTERM stops every process.
connection file (for monitor, inject, the GUI): %1</source>
        <translation>Démarre un hub, un broker si le scénario en a besoin, un agent par réplique sur
les nœuds du scénario, puis le générateur de charge quand tous sont prêts&#x202f;; applique
la chronologie en temps réel&#x202f;; écrit le même résumé JSON et le même CSV que run et
vérifie les affirmations expect sur la grappe réelle. Ctrl-C ou SIGTERM arrête tous
les processus.
fichier de connexion (pour monitor, inject, l&apos;interface graphique)&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>no progress line on stderr (shown only on a terminal)</source>
        <translation>pas de ligne de progression sur stderr (montrée seulement dans un terminal)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Without ENDPOINT: the connection file %1
exit status: 0 stopped (--count, Ctrl-C), 1 no hub answers or it refused our key, 2 invalid input</source>
        <translation>Sans ADRESSE&#xa0;: le fichier de connexion %1
code de sortie&#xa0;: 0 arrêté (--count, Ctrl-C), 1 aucun hub ne répond ou il a refusé notre clé, 2 entrée invalide</translation>
    </message>
    <message>
        <location filename="../cli/live_options.cpp" line="+16"/>
        <source>the connection file of a launched cluster or a hub; default below</source>
        <translation>le fichier de connexion d&apos;une grappe lancée ou d&apos;un hub&#x202f;; valeur par défaut ci-dessous</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>with ENDPOINT: the key directory of a CURVE hub (hub.key, controller.key_secret)</source>
        <translation>avec ADRESSE&#xa0;: le répertoire des clés d&apos;un hub CURVE (hub.key, controller.key_secret)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>how long to wait for the hub; default 5</source>
        <translation>combien de temps attendre le hub&#x202f;; 5 par défaut</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>do not start this service&apos;s replicas: someone else does (repeatable)</source>
        <translation>ne pas démarrer les répliques de ce service&#xa0;: quelqu&apos;un d&apos;autre s&apos;en charge (répétable)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>where to write the connection file; default below</source>
        <translation>où écrire le fichier de connexion&#x202f;; valeur par défaut ci-dessous</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>listen on HOST (the hub and every process)</source>
        <translation>écouter sur HÔTE (le hub et tous les processus)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>keep the cluster running after the run, until Ctrl-C</source>
        <translation>laisser tourner la grappe après l&apos;exécution, jusqu&apos;à Ctrl-C</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>start the services but no load generator</source>
        <translation>démarrer les services mais pas de générateur de charge</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>each node a network namespace on a bridge, its agents inside (root only; docs/nodes.md)</source>
        <translation>chaque nœud dans un espace de noms réseau sur un pont, ses agents dedans (root seulement&#x202f;; docs/nodes.md)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the hub also publishes every report (PlotJuggler)</source>
        <translation>le hub publie aussi chaque rapport (PlotJuggler)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>keep each process&apos;s output there (INSTANCE.log)</source>
        <translation>garder là la sortie de chaque processus (INSTANCE.log)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>how long every process may take to be ready; default 60</source>
        <translation>temps accordé à chaque processus pour être prêt&#x202f;; 60 par défaut</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the command that runs an agent; default clusterscope-agent</source>
        <translation>la commande qui lance un agent&#x202f;; clusterscope-agent par défaut</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the command that runs the broker; default clusterscope-broker</source>
        <translation>la commande qui lance le broker&#x202f;; clusterscope-broker par défaut</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the command that runs the load generator; default clusterscope-loadgen</source>
        <translation>la commande qui lance le générateur de charge&#x202f;; clusterscope-loadgen par défaut</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>watch a running cluster: every service and replica, refreshed each second</source>
        <translation>observer une grappe en marche&#xa0;: chaque service et chaque réplique, rafraîchis chaque seconde</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the hub&apos;s control endpoint (tcp://HOST:PORT)</source>
        <translation>l&apos;adresse de contrôle du hub (tcp://HÔTE:PORT)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>print one JSON line per second instead of the table</source>
        <translation>afficher une ligne JSON par seconde au lieu du tableau</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>stop after N refreshes; default: until Ctrl-C</source>
        <translation>s&apos;arrêter après N rafraîchissements&#x202f;; par défaut&#xa0;: jusqu&apos;à Ctrl-C</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>send one action to a running cluster and print the hub&apos;s answer</source>
        <translation>envoyer une action à une grappe en marche et afficher la réponse du hub</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>[ENDPOINT] NAME FIELD=VALUE..., or one JSON object (see below)</source>
        <translation>[ADRESSE] NOM CHAMP=VALEUR..., ou un objet JSON (voir ci-dessous)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>only this instance carries it out (orders#1)</source>
        <translation>seule cette instance l&apos;exécute (orders#1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An action has the names and fields of a scenario timeline entry without at_s:
  inject kill_replica service=orders replica=0
  inject partition nodes=node-a,node-b
  inject &apos;{&quot;action&quot;: &quot;slow_service&quot;, &quot;service&quot;: &quot;db&quot;, &quot;factor&quot;: 8}&apos;
Live-only faults: latency (ms=, jitter_ms=), loss (rate=), pause, blackhole,
fail_first (count=), on service= [replica=] or on from= to=, with duration_s=:
  inject latency from=orders to=db ms=50 duration_s=30
  inject reset_faults
exit status: 0 carried out, 1 refused or failed (the reason is printed), 2 invalid input</source>
        <translation>Une action a les noms et les champs d&apos;une entrée de chronologie d&apos;un scénario, sans at_s&#xa0;:
  inject kill_replica service=orders replica=0
  inject partition nodes=node-a,node-b
  inject &apos;{&quot;action&quot;: &quot;slow_service&quot;, &quot;service&quot;: &quot;db&quot;, &quot;factor&quot;: 8}&apos;
Pannes propres aux processus réels&#xa0;: latency (ms=, jitter_ms=), loss (rate=), pause,
blackhole, fail_first (count=), sur service= [replica=] ou sur from= to=, avec duration_s=&#xa0;:
  inject latency from=orders to=db ms=50 duration_s=30
  inject reset_faults
code de sortie&#xa0;: 0 exécutée, 1 refusée ou en échec (la raison est affichée), 2 entrée invalide</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>write CURVE key pairs for a hub, its agents and its controllers</source>
        <translation>écrire les paires de clés CURVE d&apos;un hub, de ses agents et de ses contrôleurs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the key directory (made private)</source>
        <translation>le répertoire des clés (rendu privé)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>replace the keys DIR already holds</source>
        <translation>remplacer les clés que RÉP contient déjà</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Writes hub, agent and controller key pairs in pyzmq&apos;s certificate format
(NAME.key public, NAME.key_secret mode 0600). Then: clusterscope-hub --keys DIR</source>
        <translation>Écrit les paires de clés du hub, des agents et des contrôleurs au format de certificat de pyzmq
(NOM.key publique, NOM.key_secret en mode 0600). Ensuite&#xa0;: clusterscope-hub --keys RÉP</translation>
    </message>
</context>
</TS>
