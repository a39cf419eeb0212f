#pragma once

// Closed-form results of queueing theory that the simulation must reproduce. Rates are per
// second, times in seconds; "response" is waiting plus service.

namespace clusterscope::testing {

double mm1MeanResponse(double lambda, double mu);
double mm1ResponseQuantile(double lambda, double mu, double q);

// Erlang's C formula: the probability that an arrival waits, c servers, offered load a = λ/μ.
double erlangC(int c, double a);
double mmcMeanResponse(double lambda, double mu, int c);
double mmcResponseQuantile(double lambda, double mu, int c, double q);

// M/D/1 with a constant service time d: Pollaczek-Khinchine for the mean, and the exact
// waiting-time distribution (Erlang's series) for quantiles.
double md1MeanResponse(double lambda, double d);
double md1ResponseQuantile(double lambda, double d, double q);

}  // namespace clusterscope::testing
