/**
 * The local HTTP service: reconcile and inspect one OMX state dir over loopback HTTP, with a bearer
 * token, sharing the resume lock with the CLI and the TypeScript tool.
 *
 * <p>{@link io.github.ralphresume.app.http.HttpMain} is the entry point; everything else is
 * package-private and composed in {@code HttpApplication}.
 */
package io.github.ralphresume.app.http;
