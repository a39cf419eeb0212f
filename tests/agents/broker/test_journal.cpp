// The journal on real files: what is written comes back, removals and deliveries replayed; a
// tail cut short or damaged is cut (never a crash, never read as data); files that are not
// ours, of another format or instance, or held by a running broker are refused untouched;
// compaction keeps exactly the live messages and the sequence.

#include <fcntl.h>
#include <unistd.h>

#include <QTemporaryDir>
#include <QtTest>
#include <fstream>
#include <random>

#include "journal.h"

using namespace clusterscope::agents::broker;

namespace {

std::string readAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

void writeAll(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

StoredMessage message(std::uint64_t seq, std::string payload = "payload") {
  StoredMessage m;
  m.seq = seq;
  m.messageId = 1000 + seq;
  m.originNs = 5;
  m.acceptedUnixNs = 1'700'000'000'000'000'000 + static_cast<std::int64_t>(seq);
  m.service = seq % 2 ? "billing" : "stock";
  m.payload = std::move(payload);
  return m;
}

struct Dir {
  QTemporaryDir tmp;
  std::string path(const char* name = "j") const { return tmp.path().toStdString() + "/" + name; }
  JournalOptions options(const char* name = "j") const {
    JournalOptions o;
    o.path = path(name);
    return o;
  }
};

// Opens, expecting success.
std::unique_ptr<Journal> open(const JournalOptions& o, Recovery& r) {
  try {
    return Journal::open(o, r);
  } catch (const JournalError& e) {
    qWarning("%s", e.what());
    return nullptr;
  }
}

// Opens, expecting a refusal whose message contains `words`.
bool refused(const JournalOptions& o, const char* words) {
  Recovery r;
  try {
    Journal::open(o, r);
  } catch (const JournalError& e) {
    if (std::string(e.what()).find(words) != std::string::npos) return true;
    qWarning("refused, but: %s", e.what());
    return false;
  }
  return false;
}

// A journal with messages 1..n accepted, `removed` removed and message 1 delivered twice.
std::string journalWith(const Dir& d, int n, std::initializer_list<int> removed) {
  Recovery r;
  auto j = Journal::open(d.options(), r);
  for (int i = 1; i <= n; ++i) j->accepted(message(i));
  j->delivered(message(1));
  j->delivered(message(1));
  for (int i : removed) j->removed(message(i));
  j->commit(true);
  return d.path();
}

}  // namespace

class TestJournal : public QObject {
  Q_OBJECT

 private slots:
  void whatIsWrittenComesBack() {
    Dir d;
    Recovery r;
    auto j = open(d.options(), r);
    QVERIFY(j);
    QVERIFY(r.created);
    QVERIFY(r.messages.empty());
    QCOMPARE(QFileInfo(QString::fromStdString(d.path())).permissions() & QFile::ReadOther,
             QFile::Permissions());
    for (int i = 1; i <= 5; ++i) j->accepted(message(i, std::string(i * 100, 'x')));
    j->delivered(message(2));
    j->removed(message(3));
    j->commit(true);
    QCOMPARE(j->stats().syncs, 2u);  // the header, then the batch
    j.reset();

    Recovery again;
    j = open(d.options(), again);
    QVERIFY(j);
    QVERIFY(!again.created);
    QCOMPARE(again.cutBytes, 0u);
    QCOMPARE(again.records, 7u);
    QCOMPARE(again.messages.size(), 4u);
    QCOMPARE(again.messages[0].seq, 1u);
    QCOMPARE(again.messages[1].seq, 2u);
    QCOMPARE(again.messages[1].attempts, 1);
    QCOMPARE(again.messages[2].seq, 4u);
    QCOMPARE(again.messages[2].payload, std::string(400, 'x'));
    QCOMPARE(again.messages[2].messageId, 1004u);
    QCOMPARE(again.messages[2].service, std::string("stock"));
    QCOMPARE(again.messages[2].acceptedUnixNs, message(4).acceptedUnixNs);
    QCOMPARE(again.nextSeq, 6u);
  }

  void aTailCutShortIsCut() {
    Dir d;
    const std::string path = journalWith(d, 4, {2});
    const std::string whole = readAll(path);
    // A crash in the middle of the last record (REMOVE 2): only its first bytes made it.
    for (const std::size_t lost : {1u, 5u, 16u}) {
      writeAll(path, whole.substr(0, whole.size() - lost));
      Recovery r;
      auto j = open(d.options(), r);
      QVERIFY(j);
      QCOMPARE(r.cutReason, std::string("a record cut short"));
      QCOMPARE(r.cutBytes, 17u - lost);  // a REMOVE record is 8 + 9 bytes
      QCOMPARE(r.messages.size(), 4u);   // the removal was lost: message 2 is delivered again
      QCOMPARE(std::size_t(QFileInfo(QString::fromStdString(path)).size()), whole.size() - 17);
      // The journal goes on from the cut: what is appended now reads back.
      j->removed(message(4));
      j->commit(true);
      j.reset();
      Recovery after;
      QVERIFY(open(d.options(), after));
      QCOMPARE(after.cutBytes, 0u);
      QCOMPARE(after.messages.size(), 3u);
    }
  }

  void damagedBytesEndTheJournalThere() {
    Dir d;
    const std::string path = journalWith(d, 3, {});
    const std::string whole = readAll(path);
    // One flipped bit in the last ACCEPT's payload: its checksum fails.
    std::string flipped = whole;
    const std::size_t lastAccept = whole.size() - 2 * 17 - 10;
    flipped[lastAccept] = static_cast<char>(flipped[lastAccept] ^ 0x10);
    writeAll(path, flipped);
    Recovery r;
    QVERIFY(open(d.options(), r));
    QVERIFY2(r.cutReason.find("checksum") != std::string::npos, r.cutReason.c_str());
    QCOMPARE(r.messages.size(), 2u);
    // Garbage after good records, and an impossible length.
    for (const std::string& tail : {std::string("\xff\xff\xff\x7f garbage"), std::string(40, '\0'),
                                    std::string("\x09\x00\x00\x00\x00\x00\x00\x00\x07", 9)}) {
      writeAll(path, whole + tail);
      Recovery g;
      QVERIFY(open(d.options(), g));
      QVERIFY(!g.cutReason.empty());
      QCOMPARE(g.cutBytes, tail.size());
      QCOMPARE(g.messages.size(), 3u);
      QCOMPARE(std::size_t(QFileInfo(QString::fromStdString(path)).size()), whole.size());
    }
  }

  void randomDamageNeverCrashesAndKeepsAPrefix() {
    Dir d;
    const std::string path = journalWith(d, 30, {3, 7, 11});
    const std::string whole = readAll(path);
    std::mt19937 rng(7);
    for (int round = 0; round < 300; ++round) {
      std::string bytes = whole;
      const std::size_t at = kJournalHeaderBytes + rng() % (whole.size() - kJournalHeaderBytes);
      if (round % 3 == 0) {
        bytes.resize(at);
      } else {
        bytes[at] = static_cast<char>(rng());
        if (round % 3 == 2) bytes.resize(at + 1 + rng() % (bytes.size() - at));
      }
      writeAll(path, bytes);
      Recovery r;
      auto j = open(d.options(), r);
      QVERIFY(j);
      QVERIFY(r.messages.size() <= 30);
      for (const auto& m : r.messages) QVERIFY(m.seq >= 1 && m.seq <= 30);
    }
  }

  void filesThatAreNotOursAreRefusedUntouched() {
    Dir d;
    const std::string path = d.path();
    const std::string text = "these are somebody's notes, not a journal\n";
    writeAll(path, text);
    QVERIFY(refused(d.options(), "not a clusterscope-broker journal"));
    QCOMPARE(readAll(path), text);

    // Another format.
    JournalHeader future;
    future.format = 2;
    future.instance = "broker";
    std::string header = encodeHeader(future);
    writeAll(path, header);
    QVERIFY(refused(d.options(), "format 2; this broker reads format 1"));
    QCOMPARE(readAll(path), header);

    // Another broker's journal.
    JournalHeader other;
    other.instance = "broker-b";
    writeAll(path, encodeHeader(other));
    QVERIFY(refused(d.options(), "the journal of broker \"broker-b\", not of \"broker\""));

    // A damaged header.
    header = encodeHeader(JournalHeader{.instance = "broker"});
    header[30] ^= 1;
    writeAll(path, header);
    QVERIFY(refused(d.options(), "header is damaged"));

    // A directory, not a file.
    JournalOptions dir = d.options();
    dir.path = d.tmp.path().toStdString();
    QVERIFY(refused(dir, "not a regular file"));
  }

  void aJournalInUseIsRefused() {
    Dir d;
    Recovery r;
    auto first = open(d.options(), r);
    QVERIFY(first);
    QVERIFY(refused(d.options(), "in use by another running broker"));
    first.reset();
    Recovery again;
    QVERIFY(open(d.options(), again));
  }

  void aHeaderCutShortAtCreationStartsAfresh() {
    Dir d;
    writeAll(d.path(), std::string(kJournalMagic).substr(0, 5));
    Recovery r;
    QVERIFY(open(d.options(), r));
    QVERIFY(r.created);
    QCOMPARE(std::size_t(QFileInfo(QString::fromStdString(d.path())).size()), kJournalHeaderBytes);
  }

  void compactionKeepsTheLiveMessagesOnly() {
    Dir d;
    JournalOptions o = d.options();
    o.compactAfterBytes = 64 * 1024;
    Recovery r;
    auto j = open(o, r);
    std::vector<StoredMessage> live;
    std::uint64_t seq = 1;
    for (int round = 0; round < 100; ++round) {
      for (int i = 0; i < 10; ++i) {
        StoredMessage m = message(seq++, std::string(200, 'p'));
        j->accepted(m);
        live.push_back(m);
      }
      // Nine of ten are acknowledged; the oldest of each round stays.
      for (std::size_t i = live.size() - 9; i < live.size(); ++i) j->removed(live[i]);
      live.resize(live.size() - 9);
      j->commit(false);
      if (j->wantsCompaction()) {
        std::vector<const StoredMessage*> view;
        for (const auto& m : live) view.push_back(&m);
        j->compact(seq, view);
      }
    }
    QVERIFY(j->stats().compactions >= 2);
    QCOMPARE(j->stats().compactionFailures, 0u);
    QVERIFY(j->stats().fileBytes < 2 * 64 * 1024 + 30000);
    QCOMPARE(j->stats().fileBytes,
             std::uint64_t(QFileInfo(QString::fromStdString(d.path())).size()));
    // The compacted file is the journal now: still locked, still appended to.
    QVERIFY(refused(o, "in use"));
    j->accepted(message(seq++));
    j->commit(true);
    j.reset();
    QVERIFY(!QFile::exists(QString::fromStdString(d.path() + ".compacting")));
    Recovery again;
    QVERIFY(open(o, again));
    QCOMPARE(again.messages.size(), live.size() + 1);
    for (std::size_t i = 0; i < live.size(); ++i) QCOMPARE(again.messages[i].seq, live[i].seq);
    QCOMPARE(again.nextSeq, seq);
  }

  void aLeftoverCompactionFileIsIgnored() {
    Dir d;
    journalWith(d, 2, {});
    writeAll(d.path() + ".compacting", "half a compaction");
    Recovery r;
    QVERIFY(open(d.options(), r));
    QCOMPARE(r.messages.size(), 2u);
    QVERIFY(!QFile::exists(QString::fromStdString(d.path() + ".compacting")));
  }
};

QTEST_GUILESS_MAIN(TestJournal)
#include "test_journal.moc"
