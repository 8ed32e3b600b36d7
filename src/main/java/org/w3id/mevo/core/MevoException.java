package org.w3id.mevo.core;

/** Any failure of a MEVO pipeline step that must stop the build before anything is published. */
public class MevoException extends RuntimeException {
    public MevoException(String message) { super(message); }
    public MevoException(String message, Throwable cause) { super(message, cause); }
}
