package io.gipc.netty.internal.posix;

/**
 * How each OS lays out the structures of sendmsg(2) and recvmsg(2) with {@code SCM_RIGHTS} ancillary data on a
 * 64-bit CPU. Linux: {@code <bits/socket.h>} (the same on x86_64 and aarch64); macOS: {@code <sys/socket.h>}.
 * The flags they take are in {@link PosixConstants.SysSocket}.
 */
enum ControlMessages {
    /**
     * Linux: {@code struct msghdr} is 56 bytes ({@code msg_iovlen} and {@code msg_controllen} are {@code size_t});
     * {@code struct cmsghdr} is 16 bytes ({@code cmsg_len} is a {@code size_t}), data aligned to 8.
     */
    LINUX(56, 24, 8, 40, 8, 48, 16, 8),
    /**
     * macOS: {@code struct msghdr} is 48 bytes ({@code msg_iovlen} is an int, {@code msg_controllen} a
     * {@code socklen_t}); {@code struct cmsghdr} is 12 bytes, data aligned to 4 ({@code __DARWIN_ALIGN32}).
     */
    MACOS(48, 24, 4, 40, 4, 44, 12, 4);

    /** {@code offsetof(struct msghdr, msg_iov)}: the same on both. */
    static final int MSG_IOV = 16;
    /** {@code offsetof(struct msghdr, msg_control)}: the same on both. */
    static final int MSG_CONTROL = 32;
    /** {@code sizeof(struct iovec)}: a pointer and a {@code size_t}. */
    static final int IOVEC_SIZE = 16;

    final int msghdrSize;
    final int msgIovlenOffset;
    final int msgIovlenSize;
    final int msgControllenOffset;
    final int msgControllenSize;
    final int msgFlagsOffset;
    /** {@code CMSG_LEN(0)}: where a control message's data starts. */
    final int cmsgHeaderSize;

    final int cmsgAlign;

    ControlMessages(
            int msghdrSize,
            int msgIovlenOffset,
            int msgIovlenSize,
            int msgControllenOffset,
            int msgControllenSize,
            int msgFlagsOffset,
            int cmsgHeaderSize,
            int cmsgAlign) {
        this.msghdrSize = msghdrSize;
        this.msgIovlenOffset = msgIovlenOffset;
        this.msgIovlenSize = msgIovlenSize;
        this.msgControllenOffset = msgControllenOffset;
        this.msgControllenSize = msgControllenSize;
        this.msgFlagsOffset = msgFlagsOffset;
        this.cmsgHeaderSize = cmsgHeaderSize;
        this.cmsgAlign = cmsgAlign;
    }

    /** @return the layout of this JVM's OS (Linux's on an unsupported one, where gipc refuses to run anyway) */
    static ControlMessages current() {
        return Platform.current() == Platform.MACOS ? MACOS : LINUX;
    }

    /** {@code CMSG_SPACE(n)}: the room one control message with {@code n} bytes of data takes. */
    int cmsgSpace(int dataBytes) {
        return cmsgHeaderSize + align(dataBytes);
    }

    /** @return {@code sizeof(cmsg_len)}: the rest of the header is two ints (level, type) */
    int cmsgLenSize() {
        return cmsgHeaderSize - 8;
    }

    /** {@code CMSG_ALIGN}. */
    int align(int bytes) {
        return (bytes + cmsgAlign - 1) & -cmsgAlign;
    }
}
