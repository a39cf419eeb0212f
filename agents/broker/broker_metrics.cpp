// The broker's /metrics page (Prometheus text 0.0.4): the families docs/protocol.md lists for
// the broker, per queue, and the broker's own: consumers, drops by plane and reason, sends it
// could not make, and its journal.

#include "broker.h"
#include "prometheus_text.h"

namespace clusterscope::agents::broker {

namespace p = protocol;

namespace {

double value(std::uint64_t v) { return static_cast<double>(v); }

}  // namespace

std::string Broker::metricsPage() {
  PrometheusText page;
  const p::BrokerTelemetry t = core_.telemetry(Clock::now());
  page.gauge("clusterscope_broker_up", "1 while the broker accepts and delivers, 0 in an outage.",
             t.up ? 1.0 : 0.0);
  for (const p::QueueTelemetry& q : t.queues) {
    const Labels queue{{"queue", q.service}};
    page.gauge("clusterscope_broker_backlog_messages",
               "Messages waiting for a consumer (delivery latency included).", value(q.backlog),
               queue);
    page.gauge("clusterscope_broker_unacknowledged_messages",
               "Messages delivered and not yet acknowledged.", value(q.unacknowledged), queue);
    page.gauge("clusterscope_broker_oldest_message_age_seconds",
               "Age of the oldest waiting message; 0 when none waits.", q.oldestAgeMs / 1e3, queue);
    page.gauge("clusterscope_broker_consumers", "Consumers holding credit or deliveries.",
               static_cast<double>(q.consumers), queue);
    page.counter("clusterscope_broker_published_total", "Publishes accepted.", value(q.published),
                 queue);
    page.counter("clusterscope_broker_delivered_total", "First deliveries.", value(q.delivered),
                 queue);
    page.counter("clusterscope_broker_redelivered_total", "Deliveries after the first.",
                 value(q.redelivered), queue);
    page.counter("clusterscope_broker_acknowledged_total", "ACKs received.", value(q.acknowledged),
                 queue);
    page.counter("clusterscope_broker_rejected_total", "Publishes refused (outage, full).",
                 value(q.rejected), queue);
    if (const QueueCounters* c = core_.counters(q.service)) {
      page.counter("clusterscope_broker_nacked_total",
                   "NACKs received, by whether the message was put back.",
                   value(c->nacked - c->dropped), {{"queue", q.service}, {"requeue", "true"}});
      page.counter("clusterscope_broker_nacked_total",
                   "NACKs received, by whether the message was put back.", value(c->dropped),
                   {{"queue", q.service}, {"requeue", "false"}});
    }
  }
  page.gauge("clusterscope_broker_consumers_connected", "Connections known as consumers.",
             static_cast<double>(core_.consumerCount()));
  page.counter("clusterscope_broker_consumers_lost_total",
               "Consumers declared dead (silent 1 s, or gone): their deliveries were put back.",
               value(core_.consumersLost()));
  page.counter("clusterscope_broker_resets_sent_total",
               "RESETs sent to connections that are no consumer.", value(core_.resetsSent()));
  page.counter("clusterscope_broker_messages_received_total",
               "Messages read from the async plane's ROUTER.", value(stats_.received));

  const char* dropHelp = "Incoming messages refused, by plane and reason.";
  for (int r = 0; r < p::kDecodeReasonCount; ++r) {
    const std::string reason = p::decodeReasonName(static_cast<p::DecodeReason>(r));
    page.counter("clusterscope_dropped_messages_total", dropHelp, value(stats_.decodeDrops[r]),
                 {{"plane", "async"}, {"reason", reason}});
  }
  for (int d = 0; d < kCoreDropCount; ++d) {
    page.counter("clusterscope_dropped_messages_total", dropHelp,
                 value(core_.drops(static_cast<CoreDrop>(d))),
                 {{"plane", "async"}, {"reason", coreDropName(static_cast<CoreDrop>(d))}});
  }
  page.counter("clusterscope_dropped_messages_total", dropHelp, value(stats_.noEnvelope),
               {{"plane", "async"}, {"reason", kNoEnvelopeDrop}});
  if (hub_) {
    const auto& hs = hub_->stats();
    for (int r = 0; r < p::kDecodeReasonCount; ++r) {
      page.counter(
          "clusterscope_dropped_messages_total", dropHelp, value(hs.decodeErrors[r]),
          {{"plane", "control"}, {"reason", p::decodeReasonName(static_cast<p::DecodeReason>(r))}});
    }
  }
  const std::pair<const char*, std::uint64_t> sendDrops[] = {
      {"would_block", stats_.sends.wouldBlock},
      {"unreachable", stats_.sends.unreachable},
      {"failed", stats_.sends.failed}};
  for (const auto& [reason, n] : sendDrops) {
    page.counter("clusterscope_broker_send_drops_total",
                 "Async-plane sends not made: a full pipe, a vanished peer.", value(n),
                 {{"reason", reason}});
  }
  if (journal_) {
    const Journal::Stats& j = journal_->stats();
    page.gauge("clusterscope_broker_journal_bytes", "The journal file's size.", value(j.fileBytes));
    page.gauge("clusterscope_broker_journal_live_bytes",
               "What a compaction would keep of the journal.", value(j.liveBytes));
    page.counter("clusterscope_broker_journal_records_total", "Records appended.",
                 value(j.records));
    page.counter("clusterscope_broker_journal_syncs_total", "fdatasync calls.", value(j.syncs));
    page.counter("clusterscope_broker_journal_compactions_total", "Compactions done.",
                 value(j.compactions));
    page.counter("clusterscope_broker_journal_compaction_failures_total",
                 "Compactions that failed (the old journal stayed in use).",
                 value(j.compactionFailures));
    page.gauge("clusterscope_broker_journal_recovered_messages",
               "Messages the journal held when the broker started.", value(recovered_));
  }
  page.gauge("clusterscope_broker_start_time_seconds", "When the broker started, Unix time.",
             startUnixS_);
  return page.text();
}

}  // namespace clusterscope::agents::broker
