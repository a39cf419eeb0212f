// clusterscope-cli: validate, run and compare scenarios without a GUI.

#include <unistd.h>

#include <iostream>
#include <string>
#include <vector>

#include "cli_commands.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return clusterscope::cli::runCli(args, std::cout, std::cerr, isatty(STDERR_FILENO) == 1);
}
