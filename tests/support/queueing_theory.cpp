#include "queueing_theory.h"

#include <cmath>
#include <functional>

namespace clusterscope::testing {

namespace {

// The t where an increasing function f crosses target, by bisection.
double solveIncreasing(const std::function<double(double)>& f, double target, double hi) {
  double lo = 0.0;
  while (f(hi) < target) hi *= 2.0;
  for (int i = 0; i < 200; ++i) {
    const double mid = (lo + hi) / 2.0;
    (f(mid) < target ? lo : hi) = mid;
  }
  return (lo + hi) / 2.0;
}

}  // namespace

double mm1MeanResponse(double lambda, double mu) { return 1.0 / (mu - lambda); }

double mm1ResponseQuantile(double lambda, double mu, double q) {
  return -std::log(1.0 - q) / (mu - lambda);
}

double erlangC(int c, double a) {
  // Sum a^k/k! iteratively to stay finite for large c.
  double term = 1.0;
  double sum = 0.0;
  for (int k = 0; k < c; ++k) {
    sum += term;
    term *= a / (k + 1);
  }
  const double last = term * c / (c - a);  // a^c/c! * c/(c-a)
  return last / (sum + last);
}

double mmcMeanResponse(double lambda, double mu, int c) {
  return erlangC(c, lambda / mu) / (c * mu - lambda) + 1.0 / mu;
}

double mmcResponseQuantile(double lambda, double mu, int c, double q) {
  const double pw = erlangC(c, lambda / mu);
  const double theta = c * mu - lambda;
  // T = W + S: W is 0 with probability 1-C, else exponential(theta); S is exponential(mu).
  auto cdf = [&](double t) {
    double waitedTail;  // P(E_theta + E_mu > t)
    if (std::abs(theta - mu) < 1e-12) {
      waitedTail = (1.0 + mu * t) * std::exp(-mu * t);
    } else {
      waitedTail = (theta * std::exp(-mu * t) - mu * std::exp(-theta * t)) / (theta - mu);
    }
    return 1.0 - ((1.0 - pw) * std::exp(-mu * t) + pw * waitedTail);
  };
  return solveIncreasing(cdf, q, 1.0 / mu);
}

double md1MeanResponse(double lambda, double d) {
  const double rho = lambda * d;
  return d + rho * d / (2.0 * (1.0 - rho));
}

double md1ResponseQuantile(double lambda, double d, double q) {
  const long double rho = lambda * d;
  // P(W <= t) = (1 - rho) * sum_{k=0}^{floor(t/d)} (lambda (k d - t))^k / k! * e^{-lambda (k d -
  // t)}
  auto waitCdf = [&](double t) {
    long double sum = 0.0L;
    const int kmax = static_cast<int>(std::floor(t / d));
    long double factorial = 1.0L;
    for (int k = 0; k <= kmax; ++k) {
      if (k > 0) factorial *= k;
      const long double x = static_cast<long double>(lambda) * (k * d - t);
      sum += std::pow(x, k) / factorial * std::exp(-x);
    }
    return static_cast<double>((1.0L - rho) * sum);
  };
  return solveIncreasing(waitCdf, q, d) + d;
}

}  // namespace clusterscope::testing
