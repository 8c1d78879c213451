package org.apache.commons.jelly.impl;

import org.apache.commons.jelly.JellyContext;
import org.apache.commons.jelly.JellyException;
import org.apache.commons.jelly.JellyTagException;
import org.apache.commons.jelly.Script;
import org.apache.commons.jelly.XMLOutput;

import java.util.ArrayList;
import java.util.List;

/**
 * Test-only replacement of Apache Commons Jelly 1.0's class of the same name (test classes come first on the class
 * path), so that {@code io.mlstages.steps.JellyViews} trims a tag's body as Jenkins' Jelly does. Jelly 1.0 strips
 * every text of a body of mixed text and tags at both ends ({@code Deployed <strong>} would lose its space); Jenkins
 * does not (jenkinsci/jelly {@code ScriptBlock#trimWhitespace} only drops whitespace-only texts). What Jenkins showed
 * in its first run of this plugin fixes the rest: whitespace-only texts between tags go, the first text of a body loses
 * its leading and the last text its trailing whitespace ({@code drifted(threshold 30%)}, {@code production(was v1)}),
 * texts in the middle keep theirs. Text with expressions is a {@link CompositeTextScriptBlock}; its first and last
 * texts are the body's when it starts or ends the body. {@code PluginViewRenderTest} reproduces all five places.
 */
public class ScriptBlock implements Script {
    private final List<Script> scripts = new ArrayList<>();

    public ScriptBlock() {
        // an empty block; the parser adds the body's scripts in order
    }

    @Override
    public String toString() {
        return super.toString() + "[scripts=" + scripts + "]";
    }

    /** Adds a script at the end of the block. */
    public void addScript(final Script script) {
        scripts.add(script);
    }

    /** Removes a script from the block. */
    public void removeScript(final Script script) {
        scripts.remove(script);
    }

    /** The block's scripts, live: the parser and the trimming change it. */
    @SuppressWarnings("rawtypes")
    public List getScriptList() {
        return scripts;
    }

    @Override
    public Script compile() throws JellyException {
        if (scripts.size() == 1) {
            return scripts.get(0).compile();
        }
        for (int i = 0; i < scripts.size(); i++) {
            scripts.set(i, scripts.get(i).compile());
        }
        return this;
    }

    @Override
    public void run(final JellyContext context, final XMLOutput output) throws JellyTagException {
        for (Script script : scripts) {
            script.run(context, output);
        }
    }

    /** Drops whitespace-only texts, then the leading whitespace of the body and its trailing whitespace. */
    public void trimWhitespace() {
        scripts.removeIf(script -> script instanceof TextScript text && text.getText().isBlank());
        if (!scripts.isEmpty()) {
            trimStart(scripts.get(0));
            trimEnd(scripts.get(scripts.size() - 1));
        }
    }

    private static void trimStart(final Script script) {
        if (script instanceof TextScript text) {
            text.trimStartWhitespace();
        }
        else if (script instanceof CompositeTextScriptBlock block && !block.getScriptList().isEmpty()) {
            trimStart((Script) block.getScriptList().get(0));
        }
    }

    private static void trimEnd(final Script script) {
        if (script instanceof TextScript text) {
            text.trimEndWhitespace();
        }
        else if (script instanceof CompositeTextScriptBlock block && !block.getScriptList().isEmpty()) {
            trimEnd((Script) block.getScriptList().get(block.getScriptList().size() - 1));
        }
    }
}
