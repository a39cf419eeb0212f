<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>CLI11</name>
    <message>
        <location filename="../cli/cli_options.cpp" line="+186"/>
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
        <location line="+13"/>
        <location filename="../cli/launch_command.cpp" line="+276"/>
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
        <location filename="../cli/cli_options.cpp" line="-150"/>
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
        <location line="+27"/>
        <source>%1: &quot;%2&quot; is neither &quot;sync&quot; nor &quot;async&quot;</source>
        <translation>%1&#xa0;: «&#xa0;%2&#xa0;» n&apos;est ni «&#xa0;sync&#xa0;» ni «&#xa0;async&#xa0;»</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 needs a file name</source>
        <translation>%1 demande un nom de fichier</translation>
    </message>
    <message>
        <location line="+22"/>
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
        <location filename="../cli/live_options.cpp" line="+160"/>
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
        <location filename="../cli/live_options.cpp" line="+59"/>
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
        <location line="+21"/>
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
        <location filename="../cli/live_options.cpp" line="-203"/>
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
        <location line="+15"/>
        <source>%1 needs a file</source>
        <translation>%1 demande un fichier</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>give ENDPOINT or --connection, not both</source>
        <translation>donnez ADRESSE ou --connection, pas les deux</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--keys goes with ENDPOINT (a connection file names its own keys)</source>
        <translation>--keys va avec ADRESSE (un fichier de connexion désigne ses propres clés)</translation>
    </message>
    <message>
        <location line="+11"/>
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
    <message>
        <location line="+23"/>
        <source>&quot;%1&quot; is not an endpoint (tcp://HOST:PORT, ipc://PATH)</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;est pas une adresse (tcp://HÔTE:PORT, ipc://CHEMIN)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>inject needs an action, e.g. inject kill_replica service=orders replica=0</source>
        <translation>inject demande une action, par exemple inject kill_replica service=orders replica=0</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--target needs an instance id</source>
        <translation>--target demande un identifiant d&apos;instance</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>--bind needs a host</source>
        <translation>--bind demande un hôte</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--netns chooses the addresses (the bridge&apos;s and each node&apos;s): not with --bind</source>
        <translation>--netns choisit les adresses (celle du pont et celle de chaque nœud)&#xa0;: pas avec --bind</translation>
    </message>
    <message>
        <location filename="../cli/cli_shared.cpp" line="+53"/>
        <source>%1: question failed: %2</source>
        <translation>%1&#xa0;: question non vérifiée&#xa0;: %2</translation>
    </message>
    <message>
        <location filename="../cli/hub_session.cpp" line="+52"/>
        <source>no connection file at %1: launch a cluster (clusterscope-cli launch) or start a hub (clusterscope-hub), or give ENDPOINT or --connection FILE</source>
        <translation>aucun fichier de connexion à %1&#xa0;: lancez une grappe (clusterscope-cli launch) ou démarrez un hub (clusterscope-hub), ou bien donnez ADRESSE ou --connection FICHIER</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 (no CURVE)</source>
        <translation>%1 (sans CURVE)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (keys from %2)</source>
        <translation>%1 (clés de %2)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (from %2)</source>
        <translation>%1 (d&apos;après %2)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>cannot watch the connection: %1</source>
        <translation>impossible de surveiller la connexion&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>the hub at %1 refused our key (CURVE status %2): it does not let this controller key in; use the keys of the running cluster (its connection file) or its key directory</source>
        <translation>le hub à %1 a refusé notre clé (statut CURVE %2)&#xa0;: il n&apos;accepte pas cette clé de contrôleur&#x202f;; utilisez les clés de la grappe en marche (son fichier de connexion) ou son répertoire de clés</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>no CURVE handshake with %1 within %2 s: the hub&apos;s public key is not the one given, or it is not a ClusterScope hub</source>
        <translation>pas de négociation CURVE avec %1 en %2 s&#xa0;: la clé publique du hub n&apos;est pas celle donnée, ou ce n&apos;est pas un hub ClusterScope</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>nothing answers at %1 (waited %2 s): is the hub running?</source>
        <translation>rien ne répond à %1 (après %2 s d&apos;attente)&#xa0;: le hub est-il lancé&#x202f;?</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the hub at %1 did not welcome us within %2 s</source>
        <translation>le hub à %1 ne nous a pas accueillis dans les %2 s</translation>
    </message>
    <message>
        <location filename="../cli/inject_command.cpp" line="+60"/>
        <source>give the action as one JSON object or as NAME FIELD=VALUE..., not both</source>
        <translation>donnez l&apos;action en un seul objet JSON ou en NOM CHAMP=VALEUR..., pas les deux</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the action is not a JSON object: %1</source>
        <translation>l&apos;action n&apos;est pas un objet JSON&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>reset_faults takes no field</source>
        <translation>reset_faults ne prend aucun champ</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&quot;%1&quot; is not FIELD=VALUE</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;est pas de la forme CHAMP=VALEUR</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>%1 on %2</source>
        <comment>a fault on a service or a link</comment>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>reset faults</source>
        <translation>levée des pannes</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>not a valid action: %1</source>
        <translation>action invalide&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>the hub at %1 runs without CURVE: it takes no commands (read-only)</source>
        <translation>le hub à %1 tourne sans CURVE&#xa0;: il n&apos;accepte aucune commande (lecture seule)</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>%1: refused: %2</source>
        <translation>%1&#xa0;: refus&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>ok: %1</source>
        <comment>inject&apos;s answer</comment>
        <translation>effectué&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../cli/keygen_command.cpp" line="+21"/>
        <source>%1 already holds keys (hub.key_secret): --force replaces them</source>
        <translation>%1 contient déjà des clés (hub.key_secret)&#xa0;: --force les remplace</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>this libzmq was built without CURVE: no keys can be made</source>
        <translation>cette libzmq a été compilée sans CURVE&#xa0;: impossible de créer des clés</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>wrote the key pairs of a cluster in %1:
  hub.key, hub.key_secret                 the hub: clusterscope-hub --keys %1
  agent.key, agent.key_secret             processes that join (--certificate)
  controller.key, controller.key_secret   monitor, inject, the GUI: --keys %1
secret files are mode 0600; hand out only the .key files</source>
        <translation>paires de clés d&apos;une grappe écrites dans %1&#xa0;:
  hub.key, hub.key_secret                 le hub&#xa0;: clusterscope-hub --keys %1
  agent.key, agent.key_secret             les processus qui rejoignent la grappe (--certificate)
  controller.key, controller.key_secret   monitor, inject, l&apos;interface graphique&#xa0;: --keys %1
les fichiers secrets sont en mode 0600&#x202f;; ne distribuez que les fichiers .key</translation>
    </message>
    <message>
        <location filename="../cli/launch_command.cpp" line="-174"/>
        <source>  (metrics %1)</source>
        <translation>  (métriques %1)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>connection  %1</source>
        <translation>connexion   %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>telemetry   %1</source>
        <translation>télémesure  %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>bridge      %1  %2</source>
        <translation>pont        %1  %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>node        %1: namespace %2  %3  link %4</source>
        <translation>nœud        %1&#xa0;: espace de noms %2  %3  lien %4</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>external    %1: start its replicas with --connection %2</source>
        <translation>externe     %1&#xa0;: démarrez ses répliques avec --connection %2</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>launch failed: %1</source>
        <translation>échec du lancement&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>  each process&apos;s output: %1</source>
        <translation>  sortie de chaque processus&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>interrupted: every process was stopped; no summary written</source>
        <translation>interrompu&#xa0;: tous les processus ont été arrêtés&#x202f;; aucun résumé écrit</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>stopping every process (Ctrl-C; again to kill them at once)</source>
        <translation>arrêt de tous les processus (Ctrl-C&#x202f;; une seconde fois pour les tuer immédiatement)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>stopping every process (signal; again to kill them at once)</source>
        <translation>arrêt de tous les processus (signal&#x202f;; une seconde fois pour les tuer immédiatement)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>starting: %1/%2 started, %3/%4 ready  %5</source>
        <translation>démarrage&#xa0;: %1/%2 démarrés, %3/%4 prêts  %5</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 (pid %2) %3</source>
        <translation>%1 (pid %2) %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (pid %2) %3: not asked for</source>
        <translation>%1 (pid %2) %3&#xa0;: non demandé</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>timeline</source>
        <translation>chronologie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>command</source>
        <translation>commande</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: %2</source>
        <comment>who did an action: what</comment>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: %2: FAILED: %3</source>
        <translation>%1&#xa0;: %2&#xa0;: ÉCHEC&#xa0;: %3</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>(no /metrics)</source>
        <translation>(pas de /metrics)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>processes   (%1)</source>
        <translation>processus   (%1)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>traffic started: %1 s (Ctrl-C stops every process)</source>
        <translation>trafic lancé pour %1 s (Ctrl-C arrête tous les processus)</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>claims (on real processes)</source>
        <translation>affirmations (sur de vrais processus)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>questions (on real processes)</source>
        <translation>questions (sur de vrais processus)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>the run is over; the cluster keeps running until Ctrl-C (monitor, inject work)</source>
        <translation>l&apos;exécution est terminée&#x202f;; la grappe continue de tourner jusqu&apos;à Ctrl-C (monitor et inject fonctionnent)</translation>
    </message>
    <message>
        <location filename="../cli/live_table.cpp" line="+68"/>
        <source>pending</source>
        <comment>replica state</comment>
        <translation>prévue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>starting</source>
        <comment>replica state</comment>
        <translation>démarre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ready</source>
        <comment>replica state</comment>
        <translation>prête</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>draining</source>
        <comment>replica state</comment>
        <translation>se vide</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>down</source>
        <comment>replica state</comment>
        <translation>arrêtée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>removed</source>
        <comment>replica state</comment>
        <translation>retirée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>suspect</source>
        <comment>replica state</comment>
        <translation>suspecte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>left</source>
        <comment>replica state</comment>
        <translation>partie</translation>
    </message>
    <message>
        <location line="+126"/>
        <source>%1  hub %2  t %3 s</source>
        <translation>%1  hub %2  t %3 s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(no plan)</source>
        <translation>(sans plan)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(not connected)</source>
        <translation>(non connecté)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>requests  %1/s  p50 %2  p95 %3  p99 %4 ms  failed %5 %  in flight %6</source>
        <translation>requêtes  %1/s  p50 %2  p95 %3  p99 %4 ms  en échec %5&#xa0;%  en cours %6</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>SERVICE / REPLICA</source>
        <comment>monitor&apos;s heading</comment>
        <translation>SERVICE / RÉPLIQUE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>STATE</source>
        <comment>monitor&apos;s heading</comment>
        <translation>ÉTAT</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>NODE</source>
        <comment>monitor&apos;s heading</comment>
        <translation>NŒUD</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>RATE/s</source>
        <comment>monitor&apos;s heading</comment>
        <translation>DÉBIT/s</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>QUEUE</source>
        <comment>monitor&apos;s heading</comment>
        <translation>FILE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>BUSY</source>
        <comment>monitor&apos;s heading</comment>
        <translation>OCCUP</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1/%2 ready</source>
        <translation>%1/%2 prêtes</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>up</source>
        <comment>the broker</comment>
        <translation>en marche</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>OUTAGE</source>
        <comment>the broker</comment>
        <translation>EN PANNE</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>backlog %1, oldest %2 ms</source>
        <translation>%1 en attente, le plus ancien depuis %2 ms</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>%1 s  %2 req/s  p95 %3 ms  failed %4 %  %5/%6 ready</source>
        <translation>%1 s  %2 req/s  p95 %3 ms  en échec %4&#xa0;%  %5/%6 prêtes</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>  backlog %1</source>
        <translation>  en attente %1</translation>
    </message>
    <message>
        <location filename="../cli/monitor_command.cpp" line="+65"/>
        <source>monitoring %1 (Ctrl-C stops)</source>
        <translation>observation de %1 (Ctrl-C arrête)</translation>
    </message>
    <message>
        <location filename="../cli/option_text.h" line="+39"/>
        <source>%1: &quot;%2&quot; is not a whole number from %3 to %4</source>
        <translation>%1&#xa0;: «&#xa0;%2&#xa0;» n&apos;est pas un nombre entier de %3 à %4</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1: &quot;%2&quot; is not a number of seconds from %3 to %4</source>
        <translation>%1&#xa0;: «&#xa0;%2&#xa0;» n&apos;est pas un nombre de secondes de %3 à %4</translation>
    </message>
</context>
</TS>
