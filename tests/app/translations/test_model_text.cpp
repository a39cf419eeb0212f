// ModelText, the GUI's words for the engine's actions and causes: in English they read exactly
// as the engine's own (describeAction, failureCauseName), so the event log and the chart markers
// are unchanged; in French they are translated, counts agree and numbers take a decimal comma.

#include <QtTest>

#include "model_text.h"
#include "translations.h"

using namespace clusterscope;
using app::ModelText;
using model::Action;
using model::ActionKind;

namespace {

// Every kind, with values that exercise each branch of describeAction.
std::vector<Action> sampleActions() {
  std::vector<Action> out;
  for (int k = 0; k < model::kActionKindCount; ++k) {
    Action a;
    a.kind = static_cast<ActionKind>(k);
    a.service = "orders";
    a.replica = 1;
    a.node = "node-a";
    a.otherNode = "node-b";
    a.factor = 2.5;
    a.rate = 0.125;
    a.count = 3;
    a.durationS = 10;
    a.latencyMs = 100;
    a.jitterMs = 20;
    a.timeouts = true;
    a.retries = false;
    out.push_back(a);
    // The other branches: no replica, no duration, whole-service scopes, edges, factor 1.
    a.replica = -1;
    a.durationS = 0;
    a.factor = 1.0;
    a.jitterMs = 0;
    a.count = 1;
    a.circuitBreaker = true;
    a.enabled = false;
    out.push_back(a);
    a.service.clear();
    a.from = "api";
    a.to = "orders";
    a.mode = model::CallMode::Async;
    out.push_back(a);
    a.from.clear();
    a.to.clear();
    out.push_back(a);
  }
  return out;
}

}  // namespace

class ModelTextTest : public QObject {
  Q_OBJECT

 private slots:
  void englishIsTheEnginesText() {
    for (const Action& a : sampleActions()) {
      QCOMPARE(ModelText::action(a), QString::fromStdString(model::describeAction(a)));
    }
    for (int c = 0; c < model::kFailureCauseCount; ++c) {
      const auto cause = static_cast<model::FailureCause>(c);
      QCOMPARE(ModelText::failureCause(cause),
               QString::fromLatin1(model::failureCauseName(cause)).replace('_', ' '));
    }
    for (int s = 0; s < model::kReplicaStateCount; ++s) {
      const auto state = static_cast<model::ReplicaState>(s);
      QCOMPARE(ModelText::replicaState(state), QString::fromLatin1(model::replicaStateName(state)));
    }
  }

  void frenchIsTranslated() {
    QCOMPARE(i18n::install("clusterscope", "fr"), QString("fr"));
    Action a;
    a.kind = ActionKind::FailFirst;
    a.service = "orders";
    a.replica = -1;
    a.count = 1;
    QCOMPARE(ModelText::action(a), QString("échec de la prochaine requête sur orders"));
    a.count = 4;
    QCOMPARE(ModelText::action(a), QString("échec des 4 prochaines requêtes sur orders"));
    a.kind = ActionKind::SlowService;
    a.factor = 2.5;
    QCOMPARE(ModelText::action(a), QString("orders ralenti ×2,5"));
    // The engine's own label (what clusterscope-cli launch and the event log of a live run
    // print) is French too, its numbers kept in the C locale.
    QCOMPARE(QString::fromStdString(model::describeAction(a)), QString("orders ralenti ×2.5"));
    a.kind = ActionKind::KillReplica;
    a.replica = 1;
    QCOMPARE(QString::fromStdString(model::describeAction(a)), QString("orders#1 tuée"));
    a.kind = ActionKind::Pause;
    a.durationS = 5;
    QCOMPARE(QString::fromStdString(model::describeAction(a)),
             QString("orders#1 gelé pendant 5 s"));
    QCOMPARE(ModelText::failureCause(model::FailureCause::CircuitOpen),
             QString("disjoncteur ouvert"));
    QCOMPARE(app::localNumber(0.5), QString("0,5"));
    i18n::install("clusterscope", "en");
    QCOMPARE(QString::fromStdString(model::describeAction(a)), QString("paused orders#1 for 5 s"));
  }
};

QTEST_MAIN(ModelTextTest)
#include "test_model_text.moc"
