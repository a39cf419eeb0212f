// Prints the sample metrics page, for `promtool check metrics` in CTest.
#include <cstdio>

#include "sample_metrics_page.h"

int main() {
  std::fputs(sampleMetricsPage().c_str(), stdout);
  return 0;
}
