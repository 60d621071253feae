package io.gipc.testkit;

import io.gipc.GipcHandle;
import java.time.Duration;
import java.util.List;

/**
 * The report of a method that ran past its time limit: the open gipc handles with their pending operations,
 * the open raw peers and the live child processes, each marked when the test opened or started it.
 */
final class HangReport {
    private HangReport() {}

    /**
     * Describes the state of this JVM now.
     *
     * @param scope the method
     * @param limit its limit
     * @param interrupted whether the wait was interrupted (by JUnit's own timeout, say) before the limit
     * @return the report, several lines
     */
    static String describe(HangGuard.Scope scope, Duration limit, boolean interrupted) {
        Baseline before = scope.baseline();
        StringBuilder sb = new StringBuilder();
        sb.append(scope.name())
                .append(
                        interrupted
                                ? " was interrupted before its time limit of "
                                : " did not end within its time limit of ")
                .append(TimeLimit.format(limit))
                .append('.');

        List<GipcHandle> handles = GipcAccess.openHandles();
        sb.append("\nOpen gipc handles: ").append(handles.isEmpty() ? "none" : String.valueOf(handles.size()));
        for (GipcHandle h : handles) {
            sb.append("\n  ")
                    .append(h)
                    .append(mark(before == null || !before.handles().contains(h)));
        }
        List<RawPeer<?>> peers = RawPeers.open();
        if (!peers.isEmpty()) {
            sb.append("\nOpen raw peers: ").append(peers.size());
            for (RawPeer<?> p : peers) {
                sb.append("\n  ")
                        .append(p)
                        .append(mark(before == null || !before.rawPeers().contains(p)));
            }
        }
        List<ProcessHandle> children = Children.all();
        List<String> described = Children.describe(children);
        sb.append("\nLive child processes: ").append(children.isEmpty() ? "none" : String.valueOf(children.size()));
        for (int i = 0; i < children.size(); i++) {
            boolean started = before == null
                    || !before.children().contains(children.get(i).pid());
            sb.append("\n  ").append(described.get(i)).append(mark(started));
        }
        return sb.toString();
    }

    private static String mark(boolean byTheTest) {
        return byTheTest ? "  (since the test began)" : "";
    }
}
