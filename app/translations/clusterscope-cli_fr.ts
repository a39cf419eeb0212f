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
        <location line="+16"/>
        <source>%1: claim failed: %2</source>
        <translation>%1&#xa0;: affirmation non vérifiée&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+18"/>
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

exit status: 0 ok, 1 an expect claim failed (inject: the action was refused or
failed; monitor: no hub), 2 invalid input or the run stopped early (it held too much
work, its clock stopped, or its processes could not be started: the reason is on
stderr); launch stopped by a signal before its end: 128 + its number</source>
        <translation>Les options d&apos;une commande&#xa0;: clusterscope-cli COMMANDE --help
Les sorties sont vérifiées avant l&apos;exécution&#xa0;: jamais le scénario lui-même, seulement
des fichiers ordinaires, écrits en entier ou pas du tout. Une exécution dont le coût
estimé est long commence par un avertissement sur stderr.

code de sortie&#xa0;: 0 succès, 1 une affirmation expect non vérifiée (inject&#xa0;: l&apos;action a
été refusée ou a échoué&#x202f;; monitor&#xa0;: pas de hub), 2 entrée invalide ou exécution
arrêtée avant la fin (trop de travail en cours, horloge arrêtée, ou processus
impossibles à démarrer&#xa0;: la raison est sur stderr)&#x202f;; launch arrêté par un signal
avant la fin&#xa0;: 128 + son numéro</translation>
    </message>
    <message>
        <location line="+23"/>
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
</context>
</TS>
