#pragma once

#include <set>
#include <string>
#include <utility>
#include <vector>

// A scenario's nodes as Linux network namespaces on this machine (`launch --netns`,
// docs/nodes.md): one bridge per run, one namespace per node joined to it by a veth pair, a
// private /24 with the bridge at .1 (where the hub, broker and load generator bind, in the root
// namespace) and node i at .(i+2). Failing a node takes its link down; a partition is a pair of
// blackhole routes, one in each namespace, so it needs nothing beyond iproute2 (no iptables or
// nft, which a minimal machine lacks).
//
// Everything is made with the `ip` command (iproute2) run as a child and waited for: a few
// milliseconds each, at the start, the end and at a node action, so the launcher's loop may
// call it directly. Names carry the launcher's pid (`cs-br-PID`, `cs-PID-NODE`, `cs-PID-Ih`), so
// that sweepStale() can tell a killed launcher's leftovers from a live run's.
//
// Not thread-safe; one NodeNetwork per process at a time (names are per pid).

namespace clusterscope::agents::launcher {

class NodeNetwork {
 public:
  // Empty when this process may make namespaces and links (root, or CAP_NET_ADMIN with
  // CAP_SYS_ADMIN, which `ip netns add` needs to mount) and `ip` is found; else why not, as a
  // sentence for the user.
  static std::string missingPrivileges();
  // Removes the namespaces and links of runs whose launcher (the pid in their names) is gone.
  // Returns what it removed, for a message.
  static std::vector<std::string> sweepStale();

  // Makes the bridge, one namespace per node (names as the scenario gives them) and their
  // links. Throws std::runtime_error with what failed, having removed whatever it had made.
  explicit NodeNetwork(const std::vector<std::string>& nodes);
  ~NodeNetwork();  // remove()
  NodeNetwork(const NodeNetwork&) = delete;
  NodeNetwork& operator=(const NodeNetwork&) = delete;

  // Removes everything made (the namespaces take their veth pairs with them). Idempotent.
  void remove();

  const std::string& bridge() const { return bridge_; }
  const std::string& bridgeAddress() const { return bridgeAddress_; }  // "10.77.X.1"
  std::string subnet() const;                                          // "10.77.X.0/24"
  int nodeCount() const { return static_cast<int>(nodes_.size()); }
  const std::string& namespaceName(int node) const { return nodes_[node].ns; }
  std::string namespacePath(int node) const;  // for setns(): /run/netns/NAME
  const std::string& address(int node) const { return nodes_[node].address; }
  const std::string& hostLink(int node) const { return nodes_[node].hostLink; }

  // The node's link on the bridge down (the node is cut off, as if its cable were pulled) or
  // up. Returns an error, or empty.
  std::string setLinkUp(int node, bool up);
  // Drops traffic between two nodes (cut) or lets it through again. Returns an error, or empty.
  std::string setPartitioned(int a, int b, bool cut);
  // Heals every partition made here.
  void healAll();

 private:
  struct Node {
    std::string name;
    std::string ns;
    std::string hostLink;
    std::string address;
  };
  void make(const std::vector<std::string>& nodes);

  std::string bridge_;
  std::string bridgeAddress_;
  std::string prefix_;  // "10.77.X."
  std::vector<Node> nodes_;
  std::set<std::pair<int, int>> partitions_;
  bool bridgeMade_ = false;
};

// Runs `ip ARGS...`; empty on success, else its standard error (or why it could not run).
// `out`, when given, gets its standard output.
std::string runIp(const std::vector<std::string>& args, std::string* out = nullptr);

}  // namespace clusterscope::agents::launcher
