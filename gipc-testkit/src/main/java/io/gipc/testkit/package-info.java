/**
 * JUnit 5 support for testing code that uses gipc.
 *
 * <ul>
 *   <li>{@link io.gipc.testkit.GipcTestExtension}: after each test, fails it if it left gipc handles open, child
 *       processes running or new descriptors open (and cleans them up); fails a test that runs past its time
 *       limit with a report of the open handles, their pending operations and the live children. Register it
 *       with {@link io.gipc.testkit.GipcTest}, or for every test through JUnit's extension auto-detection.</li>
 *   <li>{@link io.gipc.testkit.RawPeer}: a handle whose other end the test writes and reads byte by byte.</li>
 *   <li>{@link io.gipc.testkit.ChildProcesses}: runs a target in a child JVM and returns its exit code, standard
 *       output and standard error.</li>
 *   <li>{@link io.gipc.testkit.Await}: bounded waits for a future or a condition, which fail the test saying what
 *       is still pending instead of hanging.</li>
 * </ul>
 */
package io.gipc.testkit;
