#include "queue_formulas.h"

#include <cmath>

namespace clusterscope::theory {

double erlangC(int c, double offeredLoad) {
  // Erlang B by its recursion (stable for large c), then C from B.
  double b = 1.0;
  for (int k = 1; k <= c; ++k) b = offeredLoad * b / (k + offeredLoad * b);
  const double rho = offeredLoad / c;
  return b / (1.0 - rho * (1.0 - b));
}

QueueMeans mmc(double lambda, double mu, int c) {
  const double wait = lambda > 0 ? erlangC(c, lambda / mu) / (c * mu - lambda) : 0.0;
  return QueueMeans{wait, wait + 1.0 / mu};
}

QueueMeans mg1(double lambda, double meanService, double serviceVariance) {
  const double rho = lambda * meanService;
  const double secondMoment = serviceVariance + meanService * meanService;
  const double wait = lambda * secondMoment / (2.0 * (1.0 - rho));
  return QueueMeans{wait, wait + meanService};
}

double mm1ResponseQuantile(double lambda, double mu, double q) {
  return -std::log(1.0 - q) / (mu - lambda);
}

double mmcQueueAtLeast(double lambda, double mu, int c, int k) {
  if (lambda <= 0) return 0.0;
  return erlangC(c, lambda / mu) * std::pow(lambda / (c * mu), k);
}

double mg1QueueAtLeast(double lambda, double meanService, double serviceVariance, int k) {
  const double rho = lambda * meanService;
  if (rho <= 0) return 0.0;
  if (k <= 0) return 1.0;
  // P(Nq >= k) = rho * r^k, the shape M/M/1 has exactly (there r = rho), with r chosen so that
  // the mean queue sum_k rho r^k = rho r / (1 - r) is Pollaczek-Khinchine's Lq = lambda Wq.
  const double lq = lambda * mg1(lambda, meanService, serviceVariance).wait;
  const double r = lq / (rho + lq);
  return rho * std::pow(r, k);
}

}  // namespace clusterscope::theory
