#pragma once

// Closed forms of classic single-station queues. Rates per second, times in seconds.
// Each takes a stable queue (rho < 1); callers check that first.

namespace clusterscope::theory {

// Erlang's C formula: the chance that an arrival waits, with c servers and offered load
// a = lambda / mu (a < c).
double erlangC(int c, double offeredLoad);

struct QueueMeans {
  double wait = 0.0;      // mean time in the queue
  double response = 0.0;  // wait + service
};

// M/M/c: Poisson arrivals, exponential service of mean 1/mu, c servers, one queue.
QueueMeans mmc(double lambda, double mu, int c);
// M/G/1 by Pollaczek-Khinchine: service of mean s and variance v. M/D/1 is v = 0, M/M/1 is
// v = s^2.
QueueMeans mg1(double lambda, double meanService, double serviceVariance);
// M/M/1's response time is exponential with rate mu - lambda: its q-quantile.
double mm1ResponseQuantile(double lambda, double mu, double q);
// The chance that an arrival finds at least k others waiting. M/M/c: C * rho^k, exact.
// M/G/1: an estimate, rho * r^k, M/M/1's shape with r set so the mean queue is
// Pollaczek-Khinchine's.
double mmcQueueAtLeast(double lambda, double mu, int c, int k);
double mg1QueueAtLeast(double lambda, double meanService, double serviceVariance, int k);

}  // namespace clusterscope::theory
