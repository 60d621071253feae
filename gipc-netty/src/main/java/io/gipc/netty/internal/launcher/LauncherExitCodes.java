package io.gipc.netty.internal.launcher;

/**
 * The exit codes with which a child's launcher gives up before or around the target, each with the reason
 * printed on the child's stderr. They sit below 128 (death by signal, in shell terms) and away from the
 * small codes that targets commonly pass to {@code System.exit}.
 *
 * <table>
 *   <caption>Launcher exit codes</caption>
 *   <tr><th>code</th><th>constant</th><th>meaning</th></tr>
 *   <tr><td>0</td><td>-</td><td>the target returned</td></tr>
 *   <tr><td>1</td><td>-</td><td>the target threw (its stack trace is on stderr)</td></tr>
 *   <tr><td>117</td><td>{@link #SPARE_NOT_USED}</td><td>a spare child that no start took ended, its parent no
 *       longer wanting it (never the exit code of a {@code GProcess})</td></tr>
 *   <tr><td>118</td><td>{@link #PARENT_DIED}</td><td>a daemon child whose parent is gone (it has another
 *       parent than the one that started it) halted</td></tr>
 *   <tr><td>119</td><td>{@link #BAD_COMMAND_LINE}</td><td>the launcher was not given descriptor numbers
 *       (it is started by gipc, not by hand)</td></tr>
 *   <tr><td>120</td><td>{@link #NO_BOOTSTRAP}</td><td>no bootstrap message arrived: the parent died or
 *       closed the bootstrap pipe first, or the launcher could not read it</td></tr>
 *   <tr><td>121</td><td>{@link #BAD_BOOTSTRAP}</td><td>the bootstrap message could not be decoded, or does
 *       not match the descriptors on the command line (mismatched gipc versions)</td></tr>
 *   <tr><td>122</td><td>{@link #TARGET_NOT_LOADABLE}</td><td>the target could not be rebuilt: its class is
 *       not on the child's class path, or a value it captured could not be decoded</td></tr>
 *   <tr><td>123</td><td>{@link #ARGUMENTS_NOT_DECODABLE}</td><td>an argument or keyword argument could not
 *       be decoded</td></tr>
 *   <tr><td>124</td><td>{@link #HANDLES_NOT_ADOPTABLE}</td><td>a transferred handle could not be rebuilt
 *       (its codec's class is missing, or the descriptor is unusable)</td></tr>
 *   <tr><td>125</td><td>{@link #LAUNCHER_FAILURE}</td><td>anything else went wrong in the launcher</td></tr>
 * </table>
 */
public final class LauncherExitCodes {
    /** A spare child ended unused. */
    public static final int SPARE_NOT_USED = 117;
    /** A daemon child halted because its parent is gone. */
    public static final int PARENT_DIED = 118;
    /** The launcher's command line did not hold descriptor numbers. */
    public static final int BAD_COMMAND_LINE = 119;
    /** No bootstrap message arrived. */
    public static final int NO_BOOTSTRAP = 120;
    /** The bootstrap message could not be decoded or does not match the command line. */
    public static final int BAD_BOOTSTRAP = 121;
    /** The target could not be rebuilt (its class cannot be loaded, say). */
    public static final int TARGET_NOT_LOADABLE = 122;
    /** An argument could not be decoded. */
    public static final int ARGUMENTS_NOT_DECODABLE = 123;
    /** A transferred handle could not be rebuilt. */
    public static final int HANDLES_NOT_ADOPTABLE = 124;
    /** Any other failure of the launcher. */
    public static final int LAUNCHER_FAILURE = 125;

    private LauncherExitCodes() {}
}
