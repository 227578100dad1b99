import {
  Background,
  type Connection,
  Controls,
  type EdgeChange,
  MarkerType,
  MiniMap,
  type NodeChange,
  ReactFlow,
  useReactFlow,
} from '@xyflow/react';
import { type DragEvent, useCallback, useEffect, useMemo } from 'react';
import { useDocument } from '../../store/document.ts';
import { addComponent, connect, remove, setPositions } from '../../store/edits.ts';
import { select, useSelection } from '../../store/selection.ts';
import { usePanels } from '../../store/panels.ts';
import { useView } from '../../store/view.ts';
import { ComponentNode } from './ComponentNode.tsx';
import { edgeIndex, toEdges, toNodes } from './flow.ts';
import { FlowEdgeView } from './FlowEdgeView.tsx';
import { PALETTE_MIME } from './Palette.tsx';

// Module level, as React Flow asks: a new object per render would remount every node.
const nodeTypes = { component: ComponentNode };
const edgeTypes = { flow: FlowEdgeView };
const defaultEdgeOptions = { markerEnd: { type: MarkerType.ArrowClosed } };
/** Fit the job, but never blow a small one up past readable: a projector shows it big enough at 1.2. */
const MINIMAP_SIZE = { width: 150, height: 90 };
export const FIT_VIEW = { padding: 0.08, maxZoom: 1.2 } as const;

/**
 * The job as a graph: nodes and edges come from the document, every change goes back to it (one
 * undo step each; a drag is one step, on drop). Components are dropped here from the palette.
 */
export function Canvas() {
  const doc = useDocument((s) => s.doc);
  const selectedNodes = useSelection((s) => s.nodes);
  const selectedEdges = useSelection((s) => s.edges);
  const dragging = useSelection((s) => s.dragging);
  const measured = useSelection((s) => s.measured);
  const nodes = useMemo(
    () => toNodes(doc, selectedNodes, dragging, measured),
    [doc, selectedNodes, dragging, measured],
  );
  const edges = useMemo(() => toEdges(doc, selectedEdges), [doc, selectedEdges]);
  const flow = useReactFlow();
  const fitRequests = useView((s) => s.fitRequests);
  // With panels open the canvas is short: the minimap would sit on the job itself.
  const docked = usePanels((s) => s.open.length > 0);
  useEffect(() => {
    if (fitRequests === 0) return;
    // An empty job starts at the natural size, where things dropped from the palette will be.
    // Otherwise fit it (React Flow waits for the nodes to be measured first).
    if (useDocument.getState().doc.job.components.length === 0)
      void flow.setViewport({ x: 0, y: 0, zoom: 1 });
    else void flow.fitView(FIT_VIEW);
  }, [fitRequests, flow]);

  const onNodesChange = useCallback((changes: NodeChange[]) => {
    const { update } = useDocument.getState();
    const sel = useSelection.getState();
    const nodes = new Set(sel.nodes);
    const dragging = new Map(sel.dragging);
    const dropped = new Map<string, { x: number; y: number }>();
    const removed = new Set<string>();
    let measured: Map<string, { width: number; height: number }> | null = null;
    let selectionChanged = false;
    for (const change of changes) {
      if (change.type === 'dimensions' && change.dimensions) {
        measured ??= new Map(sel.measured);
        measured.set(change.id, change.dimensions);
      } else if (change.type === 'select') {
        selectionChanged = true;
        if (change.selected) nodes.add(change.id);
        else nodes.delete(change.id);
      } else if (change.type === 'position' && change.position) {
        if (change.dragging) dragging.set(change.id, change.position);
        else dropped.set(change.id, change.position);
      } else if (change.type === 'position' && change.dragging === false && dragging.has(change.id)) {
        dropped.set(change.id, dragging.get(change.id)!);
      } else if (change.type === 'remove') removed.add(change.id);
    }
    for (const id of dropped.keys()) dragging.delete(id);
    if (dropped.size > 0) update((d) => setPositions(d, dropped));
    if (removed.size > 0) update((d) => remove(d, removed));
    useSelection.setState({
      dragging,
      ...(measured !== null ? { measured } : {}),
      ...(selectionChanged || removed.size > 0
        ? { nodes: new Set([...nodes].filter((id) => !removed.has(id))) }
        : {}),
    });
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    const sel = useSelection.getState();
    const edges = new Set(sel.edges);
    const removed = new Set<number>();
    for (const change of changes) {
      if (change.type === 'select') {
        if (change.selected) edges.add(edgeIndex(change.id));
        else edges.delete(edgeIndex(change.id));
      } else if (change.type === 'remove') removed.add(edgeIndex(change.id));
    }
    if (removed.size > 0) {
      useDocument.getState().update((d) => remove(d, new Set(), removed));
      useSelection.setState({ edges: new Set() });
    } else useSelection.setState({ edges });
  }, []);

  const onConnect = useCallback((c: Connection) => {
    useDocument.getState().update((d) => connect(d, c.source, c.target));
  }, []);

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(PALETTE_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const kind = event.dataTransfer.getData(PALETTE_MIME);
      if (!kind) return;
      event.preventDefault();
      const position = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      let added = '';
      useDocument.getState().update((d) => {
        const r = addComponent(d, kind, position);
        added = r.id;
        return r.doc;
      });
      select([added]);
    },
    [flow],
  );

  return (
    <div className="canvas" onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        defaultEdgeOptions={defaultEdgeOptions}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        deleteKeyCode={['Delete', 'Backspace']}
        multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
        fitView
        fitViewOptions={FIT_VIEW}
        minZoom={0.2}
        aria-label="Job graph"
      >
        <Background gap={20} />
        {!docked && <MiniMap pannable zoomable ariaLabel="Minimap" style={MINIMAP_SIZE} />}
        {/* Top right: the job fits under them, and the minimap keeps the bottom right. */}
        <Controls position="top-right" orientation="horizontal" />
      </ReactFlow>
    </div>
  );
}
