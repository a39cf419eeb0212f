#include "topology_layers.h"

#include <algorithm>
#include <map>

namespace clusterscope::app {

namespace {

constexpr int kSweepRounds = 8;

struct Graph {
  std::vector<std::vector<int>> out, in;
  std::vector<std::vector<bool>> outBack;  // parallel to `out`: the edge closes a cycle
};

Graph makeGraph(int n, const std::vector<std::pair<int, int>>& edges) {
  std::vector<std::pair<int, int>> clean;
  for (auto [u, v] : edges) {
    if (u >= 0 && v >= 0 && u < n && v < n && u != v) clean.emplace_back(u, v);
  }
  std::sort(clean.begin(), clean.end());
  clean.erase(std::unique(clean.begin(), clean.end()), clean.end());
  Graph g;
  g.out.resize(n);
  g.in.resize(n);
  g.outBack.resize(n);
  for (auto [u, v] : clean) {
    g.out[u].push_back(v);
    g.outBack[u].push_back(false);
    g.in[v].push_back(u);
  }
  return g;
}

// Iterative depth-first walk (a scenario may hold thousands of services: no recursion).
// Marks back edges, records discovery and post order.
struct Walk {
  std::vector<int> state;  // 0 unseen, 1 on the stack, 2 done
  std::vector<int> discovery;
  std::vector<int> postOrder;
  std::vector<bool> reachable;
  int counter = 0;

  void run(Graph& g, int root, bool fromRoots) {
    if (state[root] != 0) return;
    std::vector<std::pair<int, std::size_t>> stack;
    enter(root, fromRoots, stack);
    while (!stack.empty()) {
      const int u = stack.back().first;
      const std::size_t i = stack.back().second;
      if (i < g.out[u].size()) {
        ++stack.back().second;  // before push_back, which may move the stack
        const int v = g.out[u][i];
        g.outBack[u][i] = state[v] == 1;
        if (state[v] == 0) enter(v, fromRoots, stack);
      } else {
        state[u] = 2;
        postOrder.push_back(u);
        stack.pop_back();
      }
    }
  }

  void enter(int v, bool fromRoots, std::vector<std::pair<int, std::size_t>>& stack) {
    state[v] = 1;
    discovery[v] = counter++;
    reachable[v] = fromRoots;
    stack.emplace_back(v, 0);
  }
};

std::vector<double> positions(const LayeredGraph& lg) {
  std::vector<double> pos(lg.column.size(), 0.0);
  for (const auto& col : lg.columns) {
    for (std::size_t i = 0; i < col.size(); ++i) {
      // Normalised so that columns of different heights compare.
      pos[col[i]] = (static_cast<double>(i) + 0.5) / static_cast<double>(col.size());
    }
  }
  return pos;
}

// Reorders column `c` by the mean position of each vertex's neighbours on one side.
void reorder(LayeredGraph& lg, const Graph& g, int c, bool usePredecessors) {
  const std::vector<double> pos = positions(lg);
  std::vector<std::pair<double, int>> keyed;
  for (int v : lg.columns[c]) {
    double sum = 0.0;
    int count = 0;
    for (int w : usePredecessors ? g.in[v] : g.out[v]) {
      const bool otherSide = usePredecessors ? lg.column[w] < c : lg.column[w] > c;
      if (!otherSide) continue;
      sum += pos[w];
      ++count;
    }
    keyed.emplace_back(count > 0 ? sum / count : pos[v], v);
  }
  // Unreachable vertices stay below the reachable ones whatever their neighbours say.
  std::stable_sort(keyed.begin(), keyed.end(), [&](const auto& a, const auto& b) {
    const bool ua = !lg.reachable[a.second], ub = !lg.reachable[b.second];
    if (ua != ub) return ub;
    return a.first < b.first;
  });
  for (std::size_t i = 0; i < keyed.size(); ++i) lg.columns[c][i] = keyed[i].second;
}

}  // namespace

int countCrossings(const LayeredGraph& lg, const std::vector<std::pair<int, int>>& edges) {
  const auto n = static_cast<int>(lg.column.size());
  std::vector<int> index(n, 0);
  for (const auto& col : lg.columns) {
    for (std::size_t i = 0; i < col.size(); ++i) index[col[i]] = static_cast<int>(i);
  }
  // Only edges between the same pair of columns can be compared by index.
  std::map<std::pair<int, int>, std::vector<std::pair<int, int>>> groups;
  for (auto [u, v] : edges) {
    if (u < 0 || v < 0 || u >= n || v >= n || lg.column[u] >= lg.column[v]) continue;
    groups[{lg.column[u], lg.column[v]}].emplace_back(index[u], index[v]);
  }
  int crossings = 0;
  for (const auto& [key, list] : groups) {
    for (std::size_t i = 0; i < list.size(); ++i) {
      for (std::size_t j = i + 1; j < list.size(); ++j) {
        const int a = list[i].first - list[j].first;
        const int b = list[i].second - list[j].second;
        if ((a < 0 && b > 0) || (a > 0 && b < 0)) ++crossings;
      }
    }
  }
  return crossings;
}

LayeredGraph layerGraph(int n, const std::vector<std::pair<int, int>>& edges,
                        const std::vector<int>& roots) {
  LayeredGraph lg;
  if (n <= 0) return lg;
  Graph g = makeGraph(n, edges);

  Walk walk;
  walk.state.assign(n, 0);
  walk.discovery.assign(n, -1);
  walk.reachable.assign(n, false);
  for (int r : roots) {
    if (r >= 0 && r < n) walk.run(g, r, true);
  }
  // What the roots do not reach: sources first, so that each unreachable part also reads
  // from its own start.
  for (int v = 0; v < n; ++v) {
    if (g.in[v].empty()) walk.run(g, v, false);
  }
  for (int v = 0; v < n; ++v) walk.run(g, v, false);

  // Longest path over the edges that do not close a cycle, in reverse post order (a
  // topological order of those edges). An unreachable caller does not push a reachable
  // callee right: the entry must stay in column 0.
  lg.column.assign(n, 0);
  lg.reachable = walk.reachable;
  for (auto it = walk.postOrder.rbegin(); it != walk.postOrder.rend(); ++it) {
    const int u = *it;
    for (std::size_t i = 0; i < g.out[u].size(); ++i) {
      const int v = g.out[u][i];
      if (g.outBack[u][i] || (!lg.reachable[u] && lg.reachable[v])) continue;
      lg.column[v] = std::max(lg.column[v], lg.column[u] + 1);
    }
  }

  const int columnCount = *std::max_element(lg.column.begin(), lg.column.end()) + 1;
  lg.columns.assign(columnCount, {});
  std::vector<int> byDiscovery(n);
  for (int v = 0; v < n; ++v) byDiscovery[walk.discovery[v]] = v;
  for (int v : byDiscovery) {
    if (lg.reachable[v]) lg.columns[lg.column[v]].push_back(v);
  }
  for (int v : byDiscovery) {
    if (!lg.reachable[v]) lg.columns[lg.column[v]].push_back(v);
  }

  // Barycenter sweeps; a sweep can make things worse, so keep the best order seen. The
  // depth-first order is already crossing-free for trees, which are the common case.
  auto best = lg.columns;
  int bestCrossings = countCrossings(lg, edges);
  for (int round = 0; round < kSweepRounds && bestCrossings > 0; ++round) {
    for (int c = 1; c < columnCount; ++c) reorder(lg, g, c, true);
    for (int c = columnCount - 2; c >= 0; --c) reorder(lg, g, c, false);
    const int crossings = countCrossings(lg, edges);
    if (crossings < bestCrossings) {
      bestCrossings = crossings;
      best = lg.columns;
    }
  }
  lg.columns = std::move(best);
  return lg;
}

}  // namespace clusterscope::app
