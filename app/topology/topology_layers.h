#pragma once

#include <utility>
#include <vector>

// Column assignment and ordering for a layered (left to right) drawing of a directed graph:
// the combinatorial half of the topology layout, with no geometry and no Qt. Pure: safe to
// call from any thread.

namespace clusterscope::app {

struct LayeredGraph {
  std::vector<int> column;                // per vertex: 0 for the roots, growing along edges
  std::vector<std::vector<int>> columns;  // the vertices of each column, top to bottom
  std::vector<bool> reachable;            // per vertex: reachable from the roots
};

// Vertices are 0..n-1; edges are (from, to) pairs (self-loops, duplicates and out-of-range
// indexes are ignored). Every edge that is not part of a cycle goes from a lower column to a
// higher one; a cycle is broken at the edge that closes it in a depth-first walk from the
// roots, so cycles terminate. Vertices not reachable from `roots` come after the reachable
// ones in their columns. Within a column vertices are ordered to reduce crossings
// (barycenter sweeps, keeping the best order seen).
LayeredGraph layerGraph(int n, const std::vector<std::pair<int, int>>& edges,
                        const std::vector<int>& roots);

// Number of pairs of edges that cross between the same two columns, for `graph`'s order.
// Edges within one column or going backwards are not counted.
int countCrossings(const LayeredGraph& graph, const std::vector<std::pair<int, int>>& edges);

}  // namespace clusterscope::app
