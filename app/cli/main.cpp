// clusterscope-cli: validate, run and compare scenarios without a GUI.

#include <unistd.h>

#include <QCoreApplication>
#include <clocale>
#include <iostream>
#include <string>
#include <vector>

#include "cli_commands.h"
#include "translations.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  // For the translators only: French when the locale says so (LANGUAGE, LC_ALL, LC_MESSAGES,
  // LANG), else English.
  QCoreApplication app(argc, argv);
  // QCoreApplication set the C library's locale from the environment; the engine's numbers
  // (printf's %g) must keep their decimal point, as before: back to the "C" locale.
  std::setlocale(LC_ALL, "C");
  clusterscope::i18n::install(QStringLiteral("clusterscope-cli"), QString());
  return clusterscope::cli::runCli(args, std::cout, std::cerr, isatty(STDERR_FILENO) == 1);
}
